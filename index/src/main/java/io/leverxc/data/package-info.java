/**
 * Readers and writers for the data formats of the Extreme Classification Repository.
 *
 * <ul>
 *   <li>Raw-text layout of label-feature data sets: {@link io.leverxc.data.XcDataset},
 *       {@link io.leverxc.data.TextLinesReader}, {@link io.leverxc.data.SparseMatrixReader},
 *       {@link io.leverxc.data.FilterPairs}, {@link io.leverxc.data.FilterFiles}.
 *   <li>JSON-lines layout ({@code trn.json}, {@code tst.json}, {@code lbl.json}):
 *       {@link io.leverxc.data.JsonLinesDatasetReader}.
 *   <li>Float32 NumPy arrays: {@link io.leverxc.data.NpyReader}.
 *   <li>Sparse matrices such as predictions: {@link io.leverxc.data.SparseMatrixWriter}.
 * </ul>
 *
 * <p>Text files may be gzip-compressed and must be UTF-8. Every format error is a
 * {@link io.leverxc.data.DataFormatException} whose message starts with {@code file:line:column:}.
 */
package io.leverxc.data;
