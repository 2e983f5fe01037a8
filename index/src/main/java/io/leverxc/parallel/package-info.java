/**
 * Long loops: splitting index ranges across a fixed number of worker threads, and the progress
 * lines and time estimates that training, evaluation and the paired bootstrap log while they run.
 */
package io.leverxc.parallel;
