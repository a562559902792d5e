package io.jric.e2.aper.rc;

import static io.jric.e2.aper.rc.Asn.BOOLEAN;
import static io.jric.e2.aper.rc.Asn.REAL;
import static io.jric.e2.aper.rc.Asn.bitString;
import static io.jric.e2.aper.rc.Asn.choice;
import static io.jric.e2.aper.rc.Asn.choiceExt;
import static io.jric.e2.aper.rc.Asn.enumerated;
import static io.jric.e2.aper.rc.Asn.f;
import static io.jric.e2.aper.rc.Asn.fLazy;
import static io.jric.e2.aper.rc.Asn.fields;
import static io.jric.e2.aper.rc.Asn.integer;
import static io.jric.e2.aper.rc.Asn.octetString;
import static io.jric.e2.aper.rc.Asn.opt;
import static io.jric.e2.aper.rc.Asn.printable;
import static io.jric.e2.aper.rc.Asn.seq;
import static io.jric.e2.aper.rc.Asn.seqExt;
import static io.jric.e2.aper.rc.Asn.seqOf;
import static io.jric.e2.aper.rc.Asn.unconstrainedInteger;

import io.jric.e2.aper.rc.Asn.Type;

/**
 * The E2SM-RC v05.00 types jRIC reads and writes (with the E2SM common IEs v05.00 they use), as
 * {@link Asn} descriptors. Component names are the ASN.1 ones, so a decoded value compares directly
 * with other implementations' output. Control header formats 3 and 4 and control message formats 3
 * and 4 (extension alternatives) are not described: they decode as opaque extension alternatives.
 */
final class RcSchema {
    private RcSchema() {
    }

    static final long U32 = 4294967295L;
    static final long K64 = 65535;

    // ---- E2SM common IEs ----------------------------------------------------------------------
    static final Type PLMN = octetString("PLMNIdentity", 3, 3, false);
    static final Type NR_CGI = seq("NR-CGI", true, f("pLMNIdentity", PLMN), f("nRCellIdentity", bitString("NRCellIdentity", 36, 36, false)));
    static final Type EUTRA_CGI = seq("EUTRA-CGI", true, f("pLMNIdentity", PLMN), f("eUTRACellIdentity", bitString("EUTRACellIdentity", 28, 28, false)));
    static final Type CGI = choice("CGI", true, f("nR-CGI", NR_CGI), f("eUTRA-CGI", EUTRA_CGI));
    static final Type GUAMI = seq("GUAMI", true, f("pLMNIdentity", PLMN), f("aMFRegionID", bitString("AMFRegionID", 8, 8, false)),
            f("aMFSetID", bitString("AMFSetID", 10, 10, false)), f("aMFPointer", bitString("AMFPointer", 6, 6, false)));
    static final Type GNB_ID = choice("GNB-ID", true, f("gNB-ID", bitString("GNB-ID", 22, 32, false)));
    static final Type GLOBAL_GNB_ID = seq("GlobalGNB-ID", true, f("pLMNIdentity", PLMN), f("gNB-ID", GNB_ID));
    static final Type NG_ENB_ID = choice("NgENB-ID", true, f("macroNgENB-ID", bitString("macroNgENB-ID", 20, 20, false)),
            f("shortMacroNgENB-ID", bitString("shortMacroNgENB-ID", 18, 18, false)), f("longMacroNgENB-ID", bitString("longMacroNgENB-ID", 21, 21, false)));
    static final Type GLOBAL_NG_ENB_ID = seq("GlobalNgENB-ID", true, f("pLMNIdentity", PLMN), f("ngENB-ID", NG_ENB_ID));
    static final Type GLOBAL_NGRAN_NODE_ID = choice("GlobalNGRANNodeID", true, f("gNB", GLOBAL_GNB_ID), f("ng-eNB", GLOBAL_NG_ENB_ID));
    static final Type CELL_RNTI = seq("Cell-RNTI", true, f("c-RNTI", integer("RNTI-Value", 0L, K64, false)), f("cell-Global-ID", CGI));
    static final Type ENB_ID = choiceExt("ENB-ID", fields(f("macro-eNB-ID", bitString("macro-eNB-ID", 20, 20, false)),
            f("home-eNB-ID", bitString("home-eNB-ID", 28, 28, false))),
            f("short-Macro-eNB-ID", bitString("short-Macro-eNB-ID", 18, 18, false)), f("long-Macro-eNB-ID", bitString("long-Macro-eNB-ID", 21, 21, false)));
    static final Type GLOBAL_ENB_ID = seq("GlobalENB-ID", true, f("pLMNIdentity", PLMN), f("eNB-ID", ENB_ID));
    static final Type GUMMEI = seq("GUMMEI", true, f("pLMN-Identity", PLMN), f("mME-Group-ID", octetString("MME-Group-ID", 2, 2, false)),
            f("mME-Code", octetString("MME-Code", 1, 1, false)));
    static final Type U32_ID = integer("INTEGER (0..4294967295)", 0L, U32, false);
    static final Type AMF_UE_NGAP_ID = integer("AMF-UE-NGAP-ID", 0L, 1099511627775L, false);
    static final Type RANUEID = octetString("RANUEID", 8, 8, false);
    static final Type ENB_UE_X2AP_ID = integer("ENB-UE-X2AP-ID", 0L, 4095L, false);
    static final Type ENB_UE_X2AP_ID_EXT = integer("ENB-UE-X2AP-ID-Extension", 0L, 4095L, true);
    static final Type F1AP_LIST = seqOf("UEID-GNB-CU-F1AP-ID-List", 1, 4, false,
            () -> seq("UEID-GNB-CU-CP-F1AP-ID-Item", true, f("gNB-CU-UE-F1AP-ID", U32_ID)));
    static final Type E1AP_LIST = seqOf("UEID-GNB-CU-CP-E1AP-ID-List", 1, K64, false,
            () -> seq("UEID-GNB-CU-CP-E1AP-ID-Item", true, f("gNB-CU-CP-UE-E1AP-ID", U32_ID)));

    static final Type UEID_GNB = seqExt("UEID-GNB", fields(f("amf-UE-NGAP-ID", AMF_UE_NGAP_ID), f("guami", GUAMI),
            opt("gNB-CU-UE-F1AP-ID-List", F1AP_LIST), opt("gNB-CU-CP-UE-E1AP-ID-List", E1AP_LIST), opt("ran-UEID", RANUEID),
            opt("m-NG-RAN-UE-XnAP-ID", U32_ID), opt("globalGNB-ID", GLOBAL_GNB_ID)),
            opt("globalNG-RANNode-ID", GLOBAL_NGRAN_NODE_ID), opt("cell-RNTI", CELL_RNTI));
    static final Type UEID_GNB_DU = seqExt("UEID-GNB-DU", fields(f("gNB-CU-UE-F1AP-ID", U32_ID), opt("ran-UEID", RANUEID)),
            opt("cell-RNTI", CELL_RNTI));
    static final Type UEID_GNB_CU_UP = seq("UEID-GNB-CU-UP", true, f("gNB-CU-CP-UE-E1AP-ID", U32_ID), opt("ran-UEID", RANUEID));
    static final Type UEID_NG_ENB = seqExt("UEID-NG-ENB", fields(f("amf-UE-NGAP-ID", AMF_UE_NGAP_ID), f("guami", GUAMI),
            opt("ng-eNB-CU-UE-W1AP-ID", U32_ID), opt("m-NG-RAN-UE-XnAP-ID", U32_ID), opt("globalNgENB-ID", GLOBAL_NG_ENB_ID)),
            opt("globalNG-RANNode-ID", GLOBAL_NGRAN_NODE_ID), opt("cell-RNTI", CELL_RNTI));
    static final Type UEID_NG_ENB_DU = seqExt("UEID-NG-ENB-DU", fields(f("ng-eNB-CU-UE-W1AP-ID", U32_ID)), opt("cell-RNTI", CELL_RNTI));
    static final Type UEID_EN_GNB = seqExt("UEID-EN-GNB", fields(f("m-eNB-UE-X2AP-ID", ENB_UE_X2AP_ID),
            opt("m-eNB-UE-X2AP-ID-Extension", ENB_UE_X2AP_ID_EXT), f("globalENB-ID", GLOBAL_ENB_ID), opt("gNB-CU-UE-F1AP-ID", U32_ID),
            opt("gNB-CU-CP-UE-E1AP-ID-List", E1AP_LIST), opt("ran-UEID", RANUEID)), opt("cell-RNTI", CELL_RNTI));
    static final Type UEID_ENB = seqExt("UEID-ENB", fields(f("mME-UE-S1AP-ID", U32_ID), f("gUMMEI", GUMMEI),
            opt("m-eNB-UE-X2AP-ID", ENB_UE_X2AP_ID), opt("m-eNB-UE-X2AP-ID-Extension", ENB_UE_X2AP_ID_EXT),
            opt("globalENB-ID", GLOBAL_ENB_ID)), opt("cell-RNTI", CELL_RNTI));
    static final Type UEID = choice("UEID", true, f("gNB-UEID", UEID_GNB), f("gNB-DU-UEID", UEID_GNB_DU), f("gNB-CU-UP-UEID", UEID_GNB_CU_UP),
            f("ng-eNB-UEID", UEID_NG_ENB), f("ng-eNB-DU-UEID", UEID_NG_ENB_DU), f("en-gNB-UEID", UEID_EN_GNB), f("eNB-UEID", UEID_ENB));

    static final Type RANFUNCTION_NAME = seq("RANfunction-Name", true,
            f("ranFunction-ShortName", printable("ranFunction-ShortName", 1, 150, true)),
            f("ranFunction-E2SM-OID", printable("ranFunction-E2SM-OID", 1, 1000, true)),
            f("ranFunction-Description", printable("ranFunction-Description", 1, 150, true)),
            opt("ranFunction-Instance", unconstrainedInteger("ranFunction-Instance")));
    static final Type STYLE_TYPE = unconstrainedInteger("RIC-Style-Type");
    static final Type FORMAT_TYPE = unconstrainedInteger("RIC-Format-Type");
    static final Type NAME150 = printable("PrintableString(SIZE(1..150,...))", 1, 150, true);

    // ---- E2SM-RC ----------------------------------------------------------------------------------
    static final Type RAN_PARAMETER_ID = integer("RANParameter-ID", 1L, U32, true);
    static final Type ID_65535 = integer("INTEGER (1..65535, ...)", 1L, K64, true);
    static final Type CONTROL_ACTION_ID = ID_65535;
    static final Type DECISION = enumerated("ric-ControlDecision", true, new String[] {"accept", "reject"});
    static final Type TRUE_FALSE = enumerated("ENUMERATED {true, false, ...}", true, new String[] {"true", "false"});

    static final Type RAN_PARAMETER_VALUE = choice("RANParameter-Value", true,
            f("valueBoolean", BOOLEAN), f("valueInt", unconstrainedInteger("valueInt")), f("valueReal", REAL),
            f("valueBitS", bitString("valueBitS", 0, -1, false)), f("valueOctS", octetString("valueOctS", 0, -1, false)),
            f("valuePrintableString", printable("valuePrintableString", 0, -1, false)));

    static final Type RAN_PARAMETER_STRUCTURE;
    static final Type RAN_PARAMETER_VALUE_TYPE;

    static {
        Type[] vt = new Type[1];
        Type[] st = new Type[1];
        Type item = seq("RANParameter-STRUCTURE-Item", true, f("ranParameter-ID", RAN_PARAMETER_ID),
                fLazy("ranParameter-valueType", () -> vt[0], false));
        st[0] = seq("RANParameter-STRUCTURE", true,
                opt("sequence-of-ranParameters", seqOf("SEQUENCE (SIZE(1..maxnoofParametersinStructure)) OF RANParameter-STRUCTURE-Item", 1, K64, false, () -> item)));
        Type list = seq("RANParameter-LIST", true,
                f("list-of-ranParameter", seqOf("SEQUENCE (SIZE(1..maxnoofItemsinList)) OF RANParameter-STRUCTURE", 1, K64, false, () -> st[0])));
        vt[0] = choice("RANParameter-ValueType", true,
                f("ranP-Choice-ElementTrue", seq("RANParameter-ValueType-Choice-ElementTrue", true, f("ranParameter-value", RAN_PARAMETER_VALUE))),
                f("ranP-Choice-ElementFalse", seq("RANParameter-ValueType-Choice-ElementFalse", true, opt("ranParameter-value", RAN_PARAMETER_VALUE))),
                f("ranP-Choice-Structure", seq("RANParameter-ValueType-Choice-Structure", true, fLazy("ranParameter-Structure", () -> st[0], false))),
                f("ranP-Choice-List", seq("RANParameter-ValueType-Choice-List", true, f("ranParameter-List", list))));
        RAN_PARAMETER_STRUCTURE = st[0];
        RAN_PARAMETER_VALUE_TYPE = vt[0];
    }

    static final Type RAN_PARAMETER_DEFINITION;

    static {
        Type[] def = new Type[1];
        Type listItem = seq("RANParameter-Definition-Choice-LIST-Item", true, f("ranParameter-ID", RAN_PARAMETER_ID),
                f("ranParameter-name", NAME150), fLazy("ranParameter-Definition", () -> def[0], true));
        Type structItem = seq("RANParameter-Definition-Choice-STRUCTURE-Item", true, f("ranParameter-ID", RAN_PARAMETER_ID),
                f("ranParameter-name", NAME150), fLazy("ranParameter-Definition", () -> def[0], true));
        Type ch = choice("RANParameter-Definition-Choice", true,
                f("choiceLIST", seq("RANParameter-Definition-Choice-LIST", true, f("ranParameter-List", seqOf("LIST items", 1, K64, false, () -> listItem)))),
                f("choiceSTRUCTURE", seq("RANParameter-Definition-Choice-STRUCTURE", true, f("ranParameter-STRUCTURE", seqOf("STRUCTURE items", 1, K64, false, () -> structItem)))));
        def[0] = seq("RANParameter-Definition", true, f("ranParameter-Definition-Choice", ch));
        RAN_PARAMETER_DEFINITION = def[0];
    }

    /** The many "ranParameter-ID, ranParameter-name, ..., ranParameter-Definition OPTIONAL" items. */
    static Type paramItem(String name) {
        return seqExt(name, fields(f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-name", NAME150)),
                opt("ranParameter-Definition", RAN_PARAMETER_DEFINITION));
    }

    static Type list(String name, long lb, long ub, Type element) {
        return seqOf(name, lb, ub, false, () -> element);
    }

    // ---- RAN function definition ------------------------------------------------------------------
    static final Type DEF_EVENT_TRIGGER = seq("RANFunctionDefinition-EventTrigger", true,
            f("ric-EventTriggerStyle-List", list("ric-EventTriggerStyle-List", 1, 63, seq("RANFunctionDefinition-EventTrigger-Style-Item", true,
                    f("ric-EventTriggerStyle-Type", STYLE_TYPE), f("ric-EventTriggerStyle-Name", NAME150), f("ric-EventTriggerFormat-Type", FORMAT_TYPE)))),
            opt("ran-L2Parameters-List", list("ran-L2Parameters-List", 1, K64, paramItem("L2Parameters-RANParameter-Item"))),
            opt("ran-CallProcessTypes-List", list("ran-CallProcessTypes-List", 1, K64, seq("RANFunctionDefinition-EventTrigger-CallProcess-Item", true,
                    f("callProcessType-ID", ID_65535), f("callProcessType-Name", NAME150),
                    f("callProcessBreakpoints-List", list("callProcessBreakpoints-List", 1, K64, seq("RANFunctionDefinition-EventTrigger-Breakpoint-Item", true,
                            f("callProcessBreakpoint-ID", ID_65535), f("callProcessBreakpoint-Name", NAME150),
                            opt("ran-CallProcessBreakpointParameters-List", list("ran-CallProcessBreakpointParameters-List", 1, K64,
                                    paramItem("CallProcessBreakpoint-RANParameter-Item"))))))))),
            opt("ran-UEIdentificationParameters-List", list("ran-UEIdentificationParameters-List", 1, K64, paramItem("UEIdentification-RANParameter-Item"))),
            opt("ran-CellIdentificationParameters-List", list("ran-CellIdentificationParameters-List", 1, K64, paramItem("CellIdentification-RANParameter-Item"))));

    static final Type DEF_REPORT = seq("RANFunctionDefinition-Report", true,
            f("ric-ReportStyle-List", list("ric-ReportStyle-List", 1, 63, seq("RANFunctionDefinition-Report-Item", true,
                    f("ric-ReportStyle-Type", STYLE_TYPE), f("ric-ReportStyle-Name", NAME150), f("ric-SupportedEventTriggerStyle-Type", STYLE_TYPE),
                    f("ric-ReportActionFormat-Type", FORMAT_TYPE), f("ric-IndicationHeaderFormat-Type", FORMAT_TYPE),
                    f("ric-IndicationMessageFormat-Type", FORMAT_TYPE),
                    opt("ran-ReportParameters-List", list("ran-ReportParameters-List", 1, K64, paramItem("Report-RANParameter-Item")))))));

    static final Type DEF_INSERT = seq("RANFunctionDefinition-Insert", true,
            f("ric-InsertStyle-List", list("ric-InsertStyle-List", 1, 63, seq("RANFunctionDefinition-Insert-Item", true,
                    f("ric-InsertStyle-Type", STYLE_TYPE), f("ric-InsertStyle-Name", NAME150), f("ric-SupportedEventTriggerStyle-Type", STYLE_TYPE),
                    f("ric-ActionDefinitionFormat-Type", FORMAT_TYPE),
                    opt("ric-InsertIndication-List", list("ric-InsertIndication-List", 1, K64, seq("RANFunctionDefinition-Insert-Indication-Item", true,
                            f("ric-InsertIndication-ID", ID_65535), f("ric-InsertIndication-Name", NAME150),
                            opt("ran-InsertIndicationParameters-List", list("ran-InsertIndicationParameters-List", 1, K64,
                                    paramItem("InsertIndication-RANParameter-Item")))))),
                    f("ric-IndicationHeaderFormat-Type", FORMAT_TYPE), f("ric-IndicationMessageFormat-Type", FORMAT_TYPE),
                    f("ric-CallProcessIDFormat-Type", FORMAT_TYPE)))));

    static final Type ADDITIONAL_FORMAT = seqExt("AdditionalSupportedFormat",
            fields(f("ric-ControlHeaderFormat-Type", FORMAT_TYPE), f("ric-ControlMessageFormat-Type", FORMAT_TYPE)),
            opt("ric-ControlOutcomeFormat-Type", FORMAT_TYPE), opt("ric-ControlAction-ID", CONTROL_ACTION_ID));

    static final Type CONTROL_ACTION_ITEM = seqExt("RANFunctionDefinition-Control-Action-Item",
            fields(f("ric-ControlAction-ID", CONTROL_ACTION_ID), f("ric-ControlAction-Name", NAME150),
                    opt("ran-ControlActionParameters-List", list("ran-ControlActionParameters-List", 1, K64, paramItem("ControlAction-RANParameter-Item")))),
            opt("ueGroup-ControlAction-Supported", TRUE_FALSE));

    static final Type CONTROL_STYLE_ITEM = seqExt("RANFunctionDefinition-Control-Item",
            fields(f("ric-ControlStyle-Type", STYLE_TYPE), f("ric-ControlStyle-Name", NAME150),
                    opt("ric-ControlAction-List", list("ric-ControlAction-List", 1, K64, CONTROL_ACTION_ITEM)),
                    f("ric-ControlHeaderFormat-Type", FORMAT_TYPE), f("ric-ControlMessageFormat-Type", FORMAT_TYPE),
                    opt("ric-CallProcessIDFormat-Type", FORMAT_TYPE), f("ric-ControlOutcomeFormat-Type", FORMAT_TYPE),
                    opt("ran-ControlOutcomeParameters-List", list("ran-ControlOutcomeParameters-List", 1, 255, paramItem("ControlOutcome-RANParameter-Item")))),
            opt("listOfAdditionalSupportedFormats", list("ListOfAdditionalSupportedFormats", 0, 63, ADDITIONAL_FORMAT)));

    static final Type DEF_CONTROL = seq("RANFunctionDefinition-Control", true,
            f("ric-ControlStyle-List", list("ric-ControlStyle-List", 1, 63, CONTROL_STYLE_ITEM)));

    static final Type DEF_POLICY = seq("RANFunctionDefinition-Policy", true,
            f("ric-PolicyStyle-List", list("ric-PolicyStyle-List", 1, 63, seq("RANFunctionDefinition-Policy-Item", true,
                    f("ric-PolicyStyle-Type", STYLE_TYPE), f("ric-PolicyStyle-Name", NAME150), f("ric-SupportedEventTriggerStyle-Type", STYLE_TYPE),
                    opt("ric-PolicyAction-List", list("ric-PolicyAction-List", 1, K64, seq("RANFunctionDefinition-Policy-Action-Item", true,
                            f("ric-PolicyAction-ID", CONTROL_ACTION_ID), f("ric-PolicyAction-Name", NAME150), f("ric-ActionDefinitionFormat-Type", FORMAT_TYPE),
                            opt("ran-PolicyActionParameters-List", list("ran-PolicyActionParameters-List", 1, K64, paramItem("PolicyAction-RANParameter-Item"))),
                            opt("ran-PolicyConditionParameters-List", list("ran-PolicyConditionParameters-List", 1, K64,
                                    paramItem("PolicyCondition-RANParameter-Item"))))))))));

    /** Query-RANParameter-Item has its definition in the root (unlike the other parameter items). */
    static final Type DEF_QUERY = seq("RANFunctionDefinition-Query", true,
            f("ric-QueryStyle-List", list("ric-QueryStyle-List", 1, 63, seq("RANFunctionDefinition-Query-Item", true,
                    f("ric-QueryStyle-Type", STYLE_TYPE), f("ric-QueryStyle-Name", NAME150), f("ric-QueryHeaderFormat-Type", FORMAT_TYPE),
                    f("ric-QueryDefinitionFormat-Type", FORMAT_TYPE), f("ric-QueryOutcomeFormat-Type", FORMAT_TYPE),
                    opt("ran-QueryParameters-List", list("ran-QueryParameters-List", 1, K64, seq("Query-RANParameter-Item", true,
                            f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-name", NAME150), opt("ranParameter-Definition", RAN_PARAMETER_DEFINITION))))))));

    static final Type RAN_FUNCTION_DEFINITION = seqExt("E2SM-RC-RANFunctionDefinition",
            fields(f("ranFunction-Name", RANFUNCTION_NAME), opt("ranFunctionDefinition-EventTrigger", DEF_EVENT_TRIGGER),
                    opt("ranFunctionDefinition-Report", DEF_REPORT), opt("ranFunctionDefinition-Insert", DEF_INSERT),
                    opt("ranFunctionDefinition-Control", DEF_CONTROL), opt("ranFunctionDefinition-Policy", DEF_POLICY)),
            opt("ranFunctionDefinition-Query", DEF_QUERY));

    // ---- control ------------------------------------------------------------------------------------
    static final Type CONTROL_HEADER_F1 = seq("E2SM-RC-ControlHeader-Format1", true, f("ueID", UEID), f("ric-Style-Type", STYLE_TYPE),
            f("ric-ControlAction-ID", CONTROL_ACTION_ID), opt("ric-ControlDecision", DECISION));
    static final Type CONTROL_HEADER_F2 = seq("E2SM-RC-ControlHeader-Format2", true, opt("ueID", UEID), opt("ric-ControlDecision", DECISION));
    static final Type CONTROL_HEADER = seq("E2SM-RC-ControlHeader", true, f("ric-controlHeader-formats",
            choiceExt("ric-controlHeader-formats", fields(f("controlHeader-Format1", CONTROL_HEADER_F1)), f("controlHeader-Format2", CONTROL_HEADER_F2))));

    static final Type CONTROL_MESSAGE_F1 = seq("E2SM-RC-ControlMessage-Format1", true,
            f("ranP-List", list("ranP-List", 0, K64, seq("E2SM-RC-ControlMessage-Format1-Item", true,
                    f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-valueType", RAN_PARAMETER_VALUE_TYPE)))));
    static final Type CONTROL_MESSAGE_F2 = seq("E2SM-RC-ControlMessage-Format2", true,
            f("ric-ControlStyle-List", list("ric-ControlStyle-List", 1, 63, seq("E2SM-RC-ControlMessage-Format2-Style-Item", true,
                    f("indicated-Control-Style-Type", STYLE_TYPE),
                    f("ric-ControlAction-List", list("ric-ControlAction-List", 1, 63, seq("E2SM-RC-ControlMessage-Format2-ControlAction-Item", true,
                            f("ric-ControlAction-ID", CONTROL_ACTION_ID), f("ranP-List", CONTROL_MESSAGE_F1))))))));
    static final Type CONTROL_MESSAGE = seq("E2SM-RC-ControlMessage", true, f("ric-controlMessage-formats",
            choiceExt("ric-controlMessage-formats", fields(f("controlMessage-Format1", CONTROL_MESSAGE_F1)),
                    f("controlMessage-Format2", CONTROL_MESSAGE_F2))));

    static final Type CONTROL_OUTCOME_F1 = seq("E2SM-RC-ControlOutcome-Format1", true,
            f("ranP-List", list("ranP-List", 0, 255, seq("E2SM-RC-ControlOutcome-Format1-Item", true,
                    f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-value", RAN_PARAMETER_VALUE)))));
    static final Type CONTROL_OUTCOME_F2 = seq("E2SM-RC-ControlOutcome-Format2", true,
            f("ric-ControlStyle-List", list("ric-ControlStyle-List", 1, 63, seq("E2SM-RC-ControlOutcome-Format2-Style-Item", true,
                    f("indicated-Control-Style-Type", STYLE_TYPE),
                    f("ric-ControlOutcome-List", list("ric-ControlOutcome-List", 1, 63, seq("E2SM-RC-ControlOutcome-Format2-ControlOutcome-Item", true,
                            f("ric-ControlAction-ID", CONTROL_ACTION_ID),
                            f("ranP-List", list("ranP-List", 1, K64, seq("E2SM-RC-ControlOutcome-Format2-RANP-Item", true,
                                    f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-value", RAN_PARAMETER_VALUE)))))))))));
    static final Type CONTROL_OUTCOME_F3 = seq("E2SM-RC-ControlOutcome-Format3", true,
            f("ranP-List", list("ranP-List", 0, 255, seq("E2SM-RC-ControlOutcome-Format3-Item", true,
                    f("ranParameter-ID", RAN_PARAMETER_ID), f("ranParameter-valueType", RAN_PARAMETER_VALUE_TYPE)))));
    static final Type CONTROL_OUTCOME = seq("E2SM-RC-ControlOutcome", true, f("ric-controlOutcome-formats",
            choiceExt("ric-controlOutcome-formats", fields(f("controlOutcome-Format1", CONTROL_OUTCOME_F1)),
                    f("controlOutcome-Format2", CONTROL_OUTCOME_F2), f("controlOutcome-Format3", CONTROL_OUTCOME_F3))));

}
