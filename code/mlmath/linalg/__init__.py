"""Linear algebra from scratch (Part I of the book), one module per chapter.

``vectors``
    adding, scaling and measuring vectors.
``matrices``
    matrices (transpose, identity) and their product: matrix times matrix,
    matrix times vector, a dense neural-network layer.

Everything public is re-exported here, so chapters write ``linalg.norm(x)``.
"""

from mlmath.linalg.matrices import (
    as_matrix,
    dense_layer,
    identity,
    matrix_multiply,
    matrix_vector_multiply,
    product_terms,
    transform_points,
    transpose,
)
from mlmath.linalg.vectors import distance, norm, scalar_multiply, unit_vector, vector_add

__all__ = [
    "vector_add", "scalar_multiply", "norm", "distance", "unit_vector",
    "as_matrix", "transpose", "identity", "matrix_multiply", "product_terms",
    "matrix_vector_multiply", "transform_points", "dense_layer",
]
