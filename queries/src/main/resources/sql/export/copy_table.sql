-- A table written to a file ({target}: a quoted literal: COPY takes no parameter for it).
COPY {table} TO {target} ({options})
