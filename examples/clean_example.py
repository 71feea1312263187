"""Clean the bundled example post (Avada markup, our own text) into every output format.

    python examples/clean_example.py

The post lives in the package (``fusionclean/examples/founding-post.html``) so that
``fusionclean demo`` works from an installed wheel too.
"""

from importlib import resources

import fusionclean

post = resources.files("fusionclean").joinpath("examples/founding-post.html").read_bytes()
conversion = fusionclean.convert(post, base_url="https://example.org/blog/balcony-tomatoes/")
for name in ("html", "markdown", "text"):
    print(f"==> {name}")
    print(fusionclean.emit.get_emitter(name).emit(conversion.document))
    print()
print("==> messages")
for message in conversion.messages:
    print(f"{message.code}: {message.text}")
