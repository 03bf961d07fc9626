"""Linear algebra from scratch (Part I of the book), one module per chapter.

``vectors``
    adding, scaling and measuring vectors.

Everything public is re-exported here, so chapters write ``linalg.norm(x)``.
"""

from mlmath.linalg.vectors import distance, norm, scalar_multiply, unit_vector, vector_add

__all__ = ["vector_add", "scalar_multiply", "norm", "distance", "unit_vector"]
