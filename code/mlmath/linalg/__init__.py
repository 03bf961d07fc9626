"""Linear algebra from scratch (Part I of the book), one module per chapter.

``vectors``
    adding, scaling and measuring vectors.
``matrices``
    matrices (transpose, identity) and their product: matrix times matrix,
    matrix times vector, a dense neural-network layer.
``systems``
    linear systems by Gaussian elimination: solve, rank, null space,
    determinant, inverse, condition number.
``dot``
    the dot product, angles, cosine similarity, projections, and a small
    term-count search engine.
``orthogonal``
    orthonormal bases by Gram–Schmidt, the QR decomposition, projections on a
    column space, and least squares by QR and by the normal equations.
``norms``
    norms as penalties: unit balls, ridge shrinkage, the lasso's soft threshold.
``svd``
    the singular value decomposition, rank, and low-rank approximation.
``eigen``
    eigenvalues and eigenvectors: the 2x2 case from the characteristic
    polynomial, symmetric matrices by Jacobi rotations.
``pca``
    principal component analysis: centering, covariance, components,
    projection and reconstruction.

Everything public is re-exported here, so chapters write ``linalg.norm(x)``.
"""

from mlmath.linalg.dot import (
    angle_between,
    cosine_similarity,
    count_vectorize,
    dot,
    projection,
    rank_by_cosine,
    scalar_projection,
    tokenize,
)
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
from mlmath.linalg.orthogonal import (
    LeastSquaresFit,
    gram_schmidt,
    lstsq,
    lstsq_normal,
    project,
    projection_matrix,
    qr,
)
from mlmath.linalg.norms import ridge_shrink, soft_threshold, unit_ball_boundary
from mlmath.linalg.svd import (
    energy_kept,
    frobenius_norm,
    low_rank_approximation,
    low_rank_error,
    matrix_rank,
    svd,
)
from mlmath.linalg.eigen import (
    Eigen2x2,
    EigenDecomposition,
    eigen_2x2,
    jacobi_rotation,
    symmetric_eigen,
)
from mlmath.linalg.pca import (
    PCAResult,
    center,
    covariance_matrix,
    fit_pca,
    pca_project,
    pca_reconstruct,
)
from mlmath.linalg.systems import (
    Elimination,
    SolutionSet,
    condition_number,
    det,
    eliminate,
    inverse,
    null_space,
    pivot_tolerance,
    rank,
    rank_tolerance,
    solution_set,
    solve,
)
from mlmath.linalg.vectors import distance, norm, scalar_multiply, unit_vector, vector_add

__all__ = [
    # vectors
    "vector_add", "scalar_multiply", "norm", "distance", "unit_vector",
    # matrices and their product
    "as_matrix", "transpose", "identity", "matrix_multiply", "product_terms",
    "matrix_vector_multiply", "transform_points", "dense_layer",
    # dot product
    "dot", "angle_between", "cosine_similarity", "scalar_projection", "projection",
    "tokenize", "count_vectorize", "rank_by_cosine",
    # linear systems by elimination
    "Elimination", "SolutionSet", "eliminate", "pivot_tolerance", "rank_tolerance", "solve",
    "solution_set", "rank", "null_space", "det", "inverse", "condition_number",
    # orthogonality, projections and least squares
    "gram_schmidt", "qr", "project", "projection_matrix", "LeastSquaresFit", "lstsq",
    "lstsq_normal",
    # norms as penalties
    "unit_ball_boundary", "ridge_shrink", "soft_threshold",
    # singular value decomposition
    "svd", "matrix_rank", "frobenius_norm", "low_rank_approximation", "energy_kept",
    "low_rank_error",
    # eigenvalues and eigenvectors
    "Eigen2x2", "EigenDecomposition", "eigen_2x2", "symmetric_eigen", "jacobi_rotation",
    # principal component analysis
    "PCAResult", "center", "covariance_matrix", "fit_pca", "pca_project", "pca_reconstruct",
]
