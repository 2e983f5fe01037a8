"""Regenerate the .npy test fixtures: python3 make_fixtures.py (written with NumPy 2.4.6)."""
import numpy as np
from numpy.lib import format as npy_format

matrix = np.array([[1.0, -2.5, 3.0], [0.25, 0.0, 1e-30]], dtype="<f4")
np.save("matrix_f4.npy", matrix)
np.save("vector_f4.npy", np.array([0.5, 1.5, -7.0, 8.0], dtype="<f4"))
np.save("empty_rows_f4.npy", np.zeros((0, 4), dtype="<f4"))
np.save("matrix_f8.npy", matrix.astype("<f8"))
np.save("matrix_big_endian.npy", matrix.astype(">f4"))
np.save("matrix_fortran.npy", np.asfortranarray(matrix))
np.save("cube_f4.npy", np.zeros((2, 2, 2), dtype="<f4"))
with open("matrix_v2.npy", "wb") as out:
    npy_format.write_array(out, matrix, version=(2, 0))
with open("matrix_v3.npy", "wb") as out:
    npy_format.write_array(out, matrix, version=(3, 0))
