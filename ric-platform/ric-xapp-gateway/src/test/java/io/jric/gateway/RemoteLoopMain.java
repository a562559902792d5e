package io.jric.gateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jric.proto.xapp.v1.AttachRequest;
import io.jric.proto.xapp.v1.CellRecord;
import io.jric.proto.xapp.v1.CellSleep;
import io.jric.proto.xapp.v1.ControlRequest;
import io.jric.proto.xapp.v1.ControlResponse;
import io.jric.proto.xapp.v1.KpmReport;
import io.jric.proto.xapp.v1.PolicyStatusReport;
import io.jric.proto.xapp.v1.TxPower;
import io.jric.proto.xapp.v1.XappEvent;
import io.jric.proto.xapp.v1.XappPlatformServiceGrpc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A remote xApp run by the tests in its own JVM: attaches, sets the Tx power of the first cell it
 * sees (once), tries one undeclared control, answers policies, and reports each step on stdout.
 * Uses only the generated gRPC API.
 *
 * <p>Arguments: gateway port, xApp name, Tx power in dBm.
 */
public final class RemoteLoopMain {
    private RemoteLoopMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String name = args[1];
        double dbm = Double.parseDouble(args[2]);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        XappPlatformServiceGrpc.XappPlatformServiceBlockingStub stub = XappPlatformServiceGrpc.newBlockingStub(channel);
        AtomicBoolean controlled = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        XappPlatformServiceGrpc.newStub(channel).attach(AttachRequest.newBuilder().setXappName(name).build(),
                new StreamObserver<XappEvent>() {
                    @Override
                    public void onNext(XappEvent e) {
                        switch (e.getEventCase()) {
                            case ATTACHED:
                                say("ATTACHED " + e.getAttached().getInstanceIdsList());
                                break;
                            case KPM_REPORT:
                                KpmReport r = e.getKpmReport();
                                if (r.getCellsCount() > 0 && controlled.compareAndSet(false, true)) {
                                    // Off the gRPC thread: a blocking call must not run on the stream's callback.
                                    new Thread(() -> steer(stub, name, r, dbm)).start();
                                }
                                break;
                            case POLICY:
                                boolean enforce = e.getPolicy().getJson().contains("\"enforce\":true");
                                stub.reportPolicyStatus(PolicyStatusReport.newBuilder().setXappName(name)
                                        .setCorrelationId(e.getPolicy().getCorrelationId()).setEnforced(enforce)
                                        .setReason(enforce ? "" : "told not to enforce").build());
                                say("POLICY " + e.getPolicy().getPolicyId() + " " + enforce);
                                break;
                            default:
                                break;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status s = Status.fromThrowable(t);
                        say("ENDED " + s.getCode() + " " + s.getDescription());
                        ended.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        say("ENDED OK");
                        ended.countDown();
                    }
                });
        ended.await(10, TimeUnit.MINUTES);
        channel.shutdownNow();
    }

    private static void steer(XappPlatformServiceGrpc.XappPlatformServiceBlockingStub stub, String name, KpmReport r,
                              double dbm) {
        CellRecord cell = r.getCells(0);
        ControlResponse ok = stub.control(ControlRequest.newBuilder().setXappName(name).setNodeId(r.getNodeId())
                .setTxPower(TxPower.newBuilder().setCellId(cell.getCellId()).setDbm(dbm))
                .setReportRicNanos(r.getRicReceivedNanos()).build());
        say("CONTROL " + ok.getStatus() + " " + cell.getCellId() + " loop_ns=" + ok.getLoopNanos() + " " + ok.getDetail());
        ControlResponse refused = stub.control(ControlRequest.newBuilder().setXappName(name).setNodeId(r.getNodeId())
                .setCellSleep(CellSleep.newBuilder().setCellId(cell.getCellId()).setSleep(true)).build());
        say("UNDECLARED " + refused.getStatus() + " " + refused.getDetail());
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
