package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.CellSleepControl;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import org.junit.jupiter.api.Test;

/** The control log names the target and the value of every control, not only its action. */
class ControlLogTextTest {
    @Test
    void eachControlIsLoggedWithItsTargetAndValue() {
        String cell = "00f110:000004001";
        assertEquals("tx_power 00f110:000004001 43.5 dBm", ControlManager.describe(RcControlMessage.newBuilder()
                .setTxPower(TxPowerControl.newBuilder().setCell(E2Ids.parseCellId(cell)).setTxPowerDbm(43.5f)).build()));
        assertEquals("handover ue:17 to 00f110:000004001", ControlManager.describe(RcControlMessage.newBuilder()
                .setHandover(HandoverControl.newBuilder().setUeId(17).setTargetCell(E2Ids.parseCellId(cell))).build()));
        assertEquals("cell_sleep 00f110:000004001 wake", ControlManager.describe(RcControlMessage.newBuilder()
                .setCellSleep(CellSleepControl.newBuilder().setCell(E2Ids.parseCellId(cell))).build()));
        assertEquals("action_not_set", ControlManager.describe(RcControlMessage.getDefaultInstance()));
    }
}
