package io.jric.e2.aper;

/** E2AP v03.01 ProtocolIE-ID and ProcedureCode values used by this codec (E2AP-Constants). */
final class IeIds {
    private IeIds() {
    }

    static final int REJECT = 0;
    static final int IGNORE = 1;

    static final int PROC_E2_SETUP = 1;
    static final int PROC_ERROR_INDICATION = 2;
    static final int PROC_RESET = 3;
    static final int PROC_RIC_CONTROL = 4;
    static final int PROC_RIC_INDICATION = 5;
    static final int PROC_RIC_SERVICE_QUERY = 6;
    static final int PROC_RIC_SERVICE_UPDATE = 7;
    static final int PROC_RIC_SUBSCRIPTION = 8;
    static final int PROC_RIC_SUBSCRIPTION_DELETE = 9;
    static final int PROC_E2_NODE_CONFIGURATION_UPDATE = 10;
    static final int PROC_E2_CONNECTION_UPDATE = 11;
    static final int PROC_RIC_SUBSCRIPTION_DELETE_REQUIRED = 12;
    static final int PROC_E2_REMOVAL = 13;
    static final int PROC_RIC_SUBSCRIPTION_MODIFICATION_REQUIRED = 15;

    static final int CAUSE = 1;
    static final int CRITICALITY_DIAGNOSTICS = 2;
    static final int GLOBAL_E2NODE_ID = 3;
    static final int GLOBAL_RIC_ID = 4;
    static final int RAN_FUNCTION_ID = 5;
    static final int RAN_FUNCTION_ID_ITEM = 6;
    static final int RAN_FUNCTION_ID_CAUSE_ITEM = 7;
    static final int RAN_FUNCTION_ITEM = 8;
    static final int RAN_FUNCTIONS_ACCEPTED = 9;
    static final int RAN_FUNCTIONS_ADDED = 10;
    static final int RAN_FUNCTIONS_DELETED = 11;
    static final int RAN_FUNCTIONS_MODIFIED = 12;
    static final int RAN_FUNCTIONS_REJECTED = 13;
    static final int RIC_ACTION_ADMITTED_ITEM = 14;
    static final int RIC_ACTION_ID = 15;
    static final int RIC_ACTION_NOT_ADMITTED_ITEM = 16;
    static final int RIC_ACTIONS_ADMITTED = 17;
    static final int RIC_ACTIONS_NOT_ADMITTED = 18;
    static final int RIC_ACTION_TO_BE_SETUP_ITEM = 19;
    static final int RIC_CALL_PROCESS_ID = 20;
    static final int RIC_CONTROL_ACK_REQUEST = 21;
    static final int RIC_CONTROL_HEADER = 22;
    static final int RIC_CONTROL_MESSAGE = 23;
    static final int RIC_INDICATION_HEADER = 25;
    static final int RIC_INDICATION_MESSAGE = 26;
    static final int RIC_INDICATION_SN = 27;
    static final int RIC_INDICATION_TYPE = 28;
    static final int RIC_REQUEST_ID = 29;
    static final int RIC_SUBSCRIPTION_DETAILS = 30;
    static final int TIME_TO_WAIT = 31;
    static final int RIC_CONTROL_OUTCOME = 32;
    static final int E2NODE_COMPONENT_CONFIG_UPDATE = 33;
    static final int E2NODE_COMPONENT_CONFIG_UPDATE_ITEM = 34;
    static final int E2NODE_COMPONENT_CONFIG_UPDATE_ACK = 35;
    static final int E2NODE_COMPONENT_CONFIG_UPDATE_ACK_ITEM = 36;
    static final int E2CONNECTION_SETUP = 39;
    static final int E2CONNECTION_SETUP_FAILED = 40;
    static final int E2CONNECTION_SETUP_FAILED_ITEM = 41;
    static final int E2CONNECTION_UPDATE_ITEM = 43;
    static final int TNL_INFORMATION = 48;
    static final int TRANSACTION_ID = 49;
    static final int E2NODE_COMPONENT_CONFIG_ADDITION = 50;
    static final int E2NODE_COMPONENT_CONFIG_ADDITION_ITEM = 51;
    static final int E2NODE_COMPONENT_CONFIG_ADDITION_ACK = 52;
    static final int E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM = 53;
    static final int E2NODE_COMPONENT_CONFIG_REMOVAL = 54;
    static final int E2NODE_COMPONENT_CONFIG_REMOVAL_ITEM = 55;
    static final int E2NODE_COMPONENT_CONFIG_REMOVAL_ACK = 56;
    static final int E2NODE_COMPONENT_CONFIG_REMOVAL_ACK_ITEM = 57;
    static final int E2NODE_TNL_ASSOCIATION_REMOVAL = 58;
    static final int RIC_SUBSCRIPTION_TO_BE_REMOVED = 60;
    static final int RIC_SUBSCRIPTION_WITH_CAUSE_ITEM = 61;
    static final int RIC_ACTIONS_REQUIRED_TO_BE_MODIFIED_LIST = 83;
    static final int RIC_ACTION_REQUIRED_TO_BE_MODIFIED_ITEM = 84;
    static final int RIC_ACTIONS_REQUIRED_TO_BE_REMOVED_LIST = 85;
    static final int RIC_ACTION_REQUIRED_TO_BE_REMOVED_ITEM = 86;

    /** Readable names for diagnostics. */
    static String name(int id) {
        return switch (id) {
            case CAUSE -> "Cause";
            case CRITICALITY_DIAGNOSTICS -> "CriticalityDiagnostics";
            case GLOBAL_E2NODE_ID -> "GlobalE2node-ID";
            case GLOBAL_RIC_ID -> "GlobalRIC-ID";
            case RAN_FUNCTION_ID -> "RANfunctionID";
            case RAN_FUNCTION_ID_ITEM -> "RANfunctionID-Item";
            case RAN_FUNCTION_ID_CAUSE_ITEM -> "RANfunctionIDcause-Item";
            case RAN_FUNCTION_ITEM -> "RANfunction-Item";
            case RAN_FUNCTIONS_ACCEPTED -> "RANfunctionsAccepted";
            case RAN_FUNCTIONS_ADDED -> "RANfunctionsAdded";
            case RAN_FUNCTIONS_DELETED -> "RANfunctionsDeleted";
            case RAN_FUNCTIONS_MODIFIED -> "RANfunctionsModified";
            case RAN_FUNCTIONS_REJECTED -> "RANfunctionsRejected";
            case RIC_ACTION_ADMITTED_ITEM -> "RICaction-Admitted-Item";
            case RIC_ACTION_ID -> "RICactionID";
            case RIC_ACTION_NOT_ADMITTED_ITEM -> "RICaction-NotAdmitted-Item";
            case RIC_ACTIONS_ADMITTED -> "RICactions-Admitted";
            case RIC_ACTIONS_NOT_ADMITTED -> "RICactions-NotAdmitted";
            case RIC_ACTION_TO_BE_SETUP_ITEM -> "RICaction-ToBeSetup-Item";
            case RIC_CALL_PROCESS_ID -> "RICcallProcessID";
            case RIC_CONTROL_ACK_REQUEST -> "RICcontrolAckRequest";
            case RIC_CONTROL_HEADER -> "RICcontrolHeader";
            case RIC_CONTROL_MESSAGE -> "RICcontrolMessage";
            case RIC_INDICATION_HEADER -> "RICindicationHeader";
            case RIC_INDICATION_MESSAGE -> "RICindicationMessage";
            case RIC_INDICATION_SN -> "RICindicationSN";
            case RIC_INDICATION_TYPE -> "RICindicationType";
            case RIC_REQUEST_ID -> "RICrequestID";
            case RIC_SUBSCRIPTION_DETAILS -> "RICsubscriptionDetails";
            case TIME_TO_WAIT -> "TimeToWait";
            case RIC_CONTROL_OUTCOME -> "RICcontrolOutcome";
            case E2NODE_COMPONENT_CONFIG_UPDATE -> "E2nodeComponentConfigUpdate";
            case E2NODE_COMPONENT_CONFIG_UPDATE_ITEM -> "E2nodeComponentConfigUpdate-Item";
            case E2NODE_COMPONENT_CONFIG_UPDATE_ACK -> "E2nodeComponentConfigUpdateAck";
            case E2NODE_COMPONENT_CONFIG_UPDATE_ACK_ITEM -> "E2nodeComponentConfigUpdateAck-Item";
            case TNL_INFORMATION -> "TNLinformation";
            case TRANSACTION_ID -> "TransactionID";
            case E2NODE_COMPONENT_CONFIG_ADDITION -> "E2nodeComponentConfigAddition";
            case E2NODE_COMPONENT_CONFIG_ADDITION_ITEM -> "E2nodeComponentConfigAddition-Item";
            case E2NODE_COMPONENT_CONFIG_ADDITION_ACK -> "E2nodeComponentConfigAdditionAck";
            case E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM -> "E2nodeComponentConfigAdditionAck-Item";
            case E2NODE_COMPONENT_CONFIG_REMOVAL -> "E2nodeComponentConfigRemoval";
            case E2NODE_COMPONENT_CONFIG_REMOVAL_ITEM -> "E2nodeComponentConfigRemoval-Item";
            case E2NODE_COMPONENT_CONFIG_REMOVAL_ACK -> "E2nodeComponentConfigRemovalAck";
            case E2NODE_COMPONENT_CONFIG_REMOVAL_ACK_ITEM -> "E2nodeComponentConfigRemovalAck-Item";
            case E2NODE_TNL_ASSOCIATION_REMOVAL -> "E2nodeTNLassociationRemoval";
            case RIC_SUBSCRIPTION_TO_BE_REMOVED -> "RICsubscriptionToBeRemoved";
            case RIC_SUBSCRIPTION_WITH_CAUSE_ITEM -> "RICsubscription-withCause-Item";
            case RIC_ACTIONS_REQUIRED_TO_BE_MODIFIED_LIST -> "RICactionsRequiredToBeModified-List";
            case RIC_ACTION_REQUIRED_TO_BE_MODIFIED_ITEM -> "RICaction-RequiredToBeModified-Item";
            case RIC_ACTIONS_REQUIRED_TO_BE_REMOVED_LIST -> "RICactionsRequiredToBeRemoved-List";
            case RIC_ACTION_REQUIRED_TO_BE_REMOVED_ITEM -> "RICaction-RequiredToBeRemoved-Item";
            default -> "IE " + id;
        };
    }
}
