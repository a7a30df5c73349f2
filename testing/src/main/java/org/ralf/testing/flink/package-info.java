/** Flink MiniCluster settings shared by every Flink integration test. */
package org.ralf.testing.flink;
