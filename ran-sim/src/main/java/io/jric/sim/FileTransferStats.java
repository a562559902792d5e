package io.jric.sim;

/**
 * FTP model 3 totals since time 0 ({@link SimConfig#ftp3()}; all zero otherwise). A file's throughput is its
 * size over its transfer time, from the start of the tick it arrived in (queueing behind the UE's earlier
 * files included) to its last bit.
 *
 * @param filesArrived          files that arrived
 * @param filesCompleted        files fully delivered
 * @param queuedMbit            Mbit still queued at the UEs now
 * @param meanTransferMs        mean transfer time of the completed files
 * @param meanFileThroughputMbps mean per-file throughput
 * @param p5FileThroughputMbps  5th percentile of the per-file throughputs
 * @param p50FileThroughputMbps median per-file throughput
 */
public record FileTransferStats(long filesArrived, long filesCompleted, double queuedMbit, double meanTransferMs,
                                double meanFileThroughputMbps, double p5FileThroughputMbps,
                                double p50FileThroughputMbps) {
}
