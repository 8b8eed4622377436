"""The checker: document -> analysis -> rules -> issues."""
