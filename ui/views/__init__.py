"""The app's pages: scripts Streamlit runs through st.navigation (see ui/app.py), not modules."""
