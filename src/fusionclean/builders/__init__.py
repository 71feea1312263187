"""Builder profiles: one package per page builder, holding what fusionclean knows of it.

A profile's ``vocabulary`` names the builder's markup (the classes only its rendering
writes, its shortcode names, its chrome); builder-neutral steps and the source readers
read it. Profiles import nothing from the steps, the sources or the document.
"""
