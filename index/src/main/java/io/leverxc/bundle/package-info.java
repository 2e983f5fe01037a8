/**
 * The model bundle: one directory per trained model, written by {@link io.leverxc.bundle.BundleWriter}
 * and read by {@link io.leverxc.bundle.BundleReader}.
 *
 * <p>A bundle contains {@code manifest.json} ({@link io.leverxc.bundle.Manifest}: versions, ids, data
 * set checksums, settings, metrics and a table of the array files) and one {@code NAME.bin} file
 * per array. Each array file has a 40-byte little-endian header (magic {@code LXCARRAY}, format
 * version, element type, rank, shape), the payload, and a CRC32C trailer. Readers reject unknown
 * versions, fields, lengths and checksums with a {@link io.leverxc.bundle.BundleFormatException}
 * that names the file.
 */
package io.leverxc.bundle;
