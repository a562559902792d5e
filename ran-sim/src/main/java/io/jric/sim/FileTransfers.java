package io.jric.sim;

import java.util.Arrays;

/** Completed FTP model 3 file transfers, network-wide (package-private; under the model's lock). */
final class FileTransfers {
    long arrived;
    long completed;
    private double sumTransferMs;
    private double sumThroughputMbps;
    private double[] throughputs = new double[1024];

    void complete(double sizeMbit, double transferMs) {
        double thr = sizeMbit / (transferMs / 1000.0);
        if (completed == throughputs.length) throughputs = Arrays.copyOf(throughputs, throughputs.length * 2);
        throughputs[(int) completed] = thr;
        completed++;
        sumTransferMs += transferMs;
        sumThroughputMbps += thr;
    }

    double meanTransferMs() {
        return completed == 0 ? 0 : sumTransferMs / completed;
    }

    double meanThroughputMbps() {
        return completed == 0 ? 0 : sumThroughputMbps / completed;
    }

    /** The q-quantile of the per-file throughputs (nearest rank), 0 if none. */
    double quantile(double q) {
        if (completed == 0) return 0;
        double[] sorted = Arrays.copyOf(throughputs, (int) completed);
        Arrays.sort(sorted);
        int k = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[k];
    }
}
