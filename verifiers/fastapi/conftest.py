# Makes todo_token and example_app importable when pytest runs from the repository root.
