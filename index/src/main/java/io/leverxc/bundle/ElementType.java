package io.leverxc.bundle;

/**
 * Kind of array stored in one bundle file, written as one byte in the file header.
 *
 * <p>The codes are part of the on-disk format: never renumber them, only add new ones.
 */
enum ElementType {
  /** Little-endian IEEE float32 values: a vector (rank 1) or a row-major matrix (rank 2). */
  FLOAT32(1, "float32"),
  /** Little-endian two's-complement int32 values, rank 1. */
  INT32(2, "int32"),
  /** Raw bytes, rank 1. */
  BYTES(3, "bytes"),
  /**
   * A compressed-row sparse matrix with shape (rows, columns, non-zeros): int32 row starts
   * (rows + 1 of them), then int32 column ids, then float32 values.
   */
  CSR_FLOAT32(4, "csr-float32");

  final int code;
  final String displayName;

  ElementType(int code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** Returns the type with this header code, or null for a code this version does not know. */
  static ElementType fromCode(int code) {
    for (ElementType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
