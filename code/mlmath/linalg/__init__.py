"""Linear algebra from scratch (Part I of the book), one module per chapter.

``vectors``
    adding, scaling and measuring vectors.
``eigen``
    eigenvalues and eigenvectors: the 2x2 case from the characteristic
    polynomial, symmetric matrices by Jacobi rotations.
``pca``
    principal component analysis: centering, covariance, components,
    projection and reconstruction.

Everything public is re-exported here, so chapters write ``linalg.norm(x)``.
"""

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
from mlmath.linalg.vectors import distance, norm, scalar_multiply, unit_vector, vector_add

__all__ = [
    "vector_add", "scalar_multiply", "norm", "distance", "unit_vector",
    "Eigen2x2", "EigenDecomposition", "eigen_2x2", "symmetric_eigen", "jacobi_rotation",
    "PCAResult", "center", "covariance_matrix", "fit_pca", "pca_project", "pca_reconstruct",
]
