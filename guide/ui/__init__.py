"""The Textual reader. Import guide.ui.app for GuideApp and build_app."""
