/**
 * Splitting loops over index ranges across a fixed number of worker threads, shared by training,
 * evaluation and the paired bootstrap.
 */
package io.leverxc.parallel;
