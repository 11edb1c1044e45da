"""Images: logos, photos and share cards, checked before decoding and processed once per content hash."""
