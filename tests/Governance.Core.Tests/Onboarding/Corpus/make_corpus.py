#!/usr/bin/env python3
"""Writes corpus.json: the onboarding contract corpus as paragraphs plus the expected status of every clause rule.

The binary files (PDF, DOCX) and the text files are rendered from it by CorpusRenderer (run the test
`Corpus_files_are_rendered` with ONBOARDING_RENDER_CORPUS=1). Each contract is assembled from per-rule clause
variants: ok (satisfied), neg (negated), hollow (insufficient), or left out (missing), with varied numbering,
headings, order and decoys. The held-out contracts (split "heldout") are written by hand at the end of this file,
after the cues were tuned on the seen ones, with phrasings that appear nowhere else. Later held-out sets are whole
contracts written in their own modules (heldout3_en.py, heldout3_zh.py; see corpus_dsl.py for their notation).
"""
import json, os

RULES = ["responsibility", "scope", "security_measures", "incident_notification", "onward_transfer",
         "cross_border", "return_deletion", "audit", "liability_recourse", "record_keeping"]

EN_HEAD = {"responsibility": "Responsibility for Security", "scope": "Scope of Processing", "security_measures": "Security Measures",
           "incident_notification": "Incident Notification", "onward_transfer": "Sub-processing and Sharing", "cross_border": "Cross-border Transfers",
           "return_deletion": "Return and Deletion", "audit": "Audit Rights", "liability_recourse": "Liability and Recourse", "record_keeping": "Records"}
ZH_HEAD = {"responsibility": "安全责任", "scope": "处理范围", "security_measures": "安全保护措施", "incident_notification": "安全事件通知",
           "onward_transfer": "共享与委托处理", "cross_border": "数据出境", "return_deletion": "返还与删除", "audit": "审计与检查",
           "liability_recourse": "违约责任与追偿", "record_keeping": "处理记录"}

EN = {
 "responsibility": {
  "ok": ["The Developer is responsible for the security of the personal data it processes and of the systems and applications it operates.",
         "The Developer bears full responsibility for safeguarding the confidentiality and integrity of the data it receives and of its own servers and networks.",
         "Each party shall be responsible for the security of the data and systems under its control; the Developer in particular answers for the security of its application environment."],
  "hollow": ["The Platform is responsible for the security of all data and systems used under this Agreement."]},
 "scope": {
  "ok": ["The Developer shall process personal data only for the purposes described in Annex 1 and shall not use it for any other purpose.",
         "Personal information may be used solely to provide the app's login and order delivery functions, in the manner and for the categories of data listed in the Schedule.",
         "The Developer's access to user data is limited to what is strictly necessary for the purposes stated in this Agreement."],
  "hollow": ["The Developer may collect and use personal data received through the Platform for any purpose it considers appropriate.",
             "The Developer may process the data for any lawful purpose."]},
 "security_measures": {
  "ok": ["The Developer shall implement technical and organisational measures including encryption of personal data in transit and at rest, role-based access control and multi-factor authentication for administrators.",
         "Security safeguards shall at least comprise TLS for all connections, AES-256 encryption of stored data, quarterly vulnerability scanning and logging of all access to personal data.",
         "The Developer shall pseudonymise personal data wherever possible and protect its systems with firewalls and intrusion detection."],
  "hollow": ["The Developer shall take appropriate security measures to protect the data.",
             "The Developer shall adopt reasonable technical and organisational measures consistent with industry practice."]},
 "incident_notification": {
  "ok": ["The Developer shall notify the Platform of any personal data breach without undue delay and in any event within twenty-four (24) hours after becoming aware of it.",
         "Should a security incident affecting user data occur, the Developer must inform the Platform in writing no later than 72 hours after discovery.",
         "If the Developer detects unauthorised access to personal data, it shall report the incident to the Platform within 48 hours."],
  "neg": ["The Developer shall not be required to notify the Platform of any security incident or data breach.",
          "Except as otherwise agreed, the Developer shall not be obliged to report data breaches to the Platform."],
  "hollow": ["The Developer shall notify the Platform promptly of any data breach.",
             "The Developer shall inform affected users of any security incident within 24 hours.",
             "The Developer shall notify the Platform of any security incident within five (5) days."]},
 "onward_transfer": {
  "ok": ["The Developer shall not disclose personal data to any third party or engage any sub-processor without the prior written consent of the Platform.",
         "No sub-processing: the Developer may not subcontract the processing of personal data to another processor unless the Platform has approved it in writing.",
         "Except where required by law, the Developer shall not share personal data with any other party without the Platform's authorisation."],
  "neg": ["The Developer may share personal data with its affiliates and other third parties at its discretion without the Platform's consent."],
  "hollow": []},
 "cross_border": {
  "ok": ["The Developer shall not transfer personal data outside the PRC unless the security assessment required by law has been completed.",
         "Personal data shall be stored in mainland China; any transfer abroad requires a prior security assessment by the competent authority.",
         "Before providing any data to recipients overseas, the Developer shall pass the statutory security assessment and inform the Platform."],
  "neg": ["The Developer may transfer data abroad without any security assessment."],
  "hollow": ["The Developer may store personal data on servers located outside China."]},
 "return_deletion": {
  "ok": ["Upon termination or expiry of this Agreement, the Developer shall delete or return all personal data within 30 days.",
         "When this Agreement ends, the Developer must destroy all copies of user data and confirm the destruction in writing.",
         "On termination the Developer shall return the personal data to the Platform and erase any remaining copies."],
  "neg": ["Upon termination, the Developer may retain all personal data indefinitely for its own purposes.",
          "The Developer shall not be required to delete personal data after termination of this Agreement."],
  "hollow": ["Upon termination of this Agreement, the Platform shall delete the Developer's account data."]},
 "audit": {
  "ok": ["The Platform may audit the Developer's processing activities and inspect its facilities on ten days' notice.",
         "The Developer shall allow the Platform or an auditor appointed by it to carry out on-site inspections of the Developer's data processing and records.",
         "The Platform has the right to verify compliance with this Agreement, including by audits of the Developer's systems."],
  "neg": ["The Developer shall not be required to submit to any audit or inspection of its processing activities."],
  "hollow": ["The Developer shall audit its own processing activities once a year."]},
 "liability_recourse": {
  "ok": ["The Developer shall be liable for any breach of this Agreement and shall reimburse the Platform for any compensation the Platform has paid to users in advance.",
         "The Developer shall indemnify the Platform against all losses arising from the Developer's breach, including amounts the Platform pays in advance to compensate users.",
         "If the Platform compensates users in advance for damage caused by the Developer's violation, the Developer shall repay the Platform the full amount paid."],
  "neg": ["The Developer is not liable for any loss or damage arising from its breach of this Agreement.",
          "Nothing in this Agreement obliges the Developer to compensate the Platform for any claim or loss."],
  "hollow": ["The Developer shall be liable for damages caused by its breach of this Agreement."]},
 "record_keeping": {
  "ok": ["The Developer shall keep records of its processing activities for at least three (3) years.",
         "Processing logs shall be retained by the Developer for a minimum of 5 years.",
         "The Developer shall maintain a record of all personal data it receives from the Platform and preserve such records for three years after termination."],
  "neg": ["Except as otherwise agreed, the Developer shall not be obliged to keep records of its processing activities."],
  "hollow": ["The Developer shall keep processing records for two (2) years.",
             "The Developer shall maintain records of processing activities."]},
}

ZH = {
 "responsibility": {
  "ok": ["乙方对其处理的数据及其运营的系统和应用的安全负责。",
         "乙方应对其接收的个人信息的保密性、完整性以及其服务器和网络的安全承担全部责任。",
         "双方各自对其控制范围内的数据和系统的安全负责，乙方应确保其应用环境的安全。"],
  "hollow": ["甲方负责本协议项下所有数据和系统的安全。"]},
 "scope": {
  "ok": ["乙方仅可为附件一所列目的处理个人信息，不得超出约定的目的、方式和范围处理。",
         "乙方只能为实现登录和订单配送功能，按照附件所列的方式和数据种类使用个人信息。",
         "乙方访问用户数据应限于实现本协议约定目的所必需的最小范围。"],
  "hollow": ["乙方可以将通过平台获得的个人信息用于任何目的。",
             "乙方有权将数据用于其认为必要的任何用途。"]},
 "security_measures": {
  "ok": ["乙方应当采取加密、访问控制、去标识化等技术措施保护数据安全。",
         "乙方应采取以下安全措施：传输和存储加密、多因素身份认证、定期漏洞扫描以及访问日志审计。",
         "乙方应对个人信息进行去标识化处理，并部署防火墙和入侵检测系统。"],
  "hollow": ["乙方应当采取必要措施保障数据安全。",
             "乙方应采取合理的技术和管理措施保护数据。"]},
 "incident_notification": {
  "ok": ["发生数据泄露等安全事件的，乙方应当在二十四小时内通知甲方。",
         "乙方发现个人信息泄露、篡改、丢失的，应当在72小时内书面告知甲方。",
         "如发生安全事件，乙方应于发现后四十八小时内向甲方报告。"],
  "neg": ["发生安全事件的，乙方无需通知甲方。",
          "除双方另有约定外，乙方不负有向甲方报告数据泄露事件的义务。"],
  "hollow": ["发生数据泄露的，乙方应当及时通知甲方。",
             "发生安全事件的，乙方应在二十四小时内通知受影响的用户。",
             "发生安全事件的，乙方应当在十日内通知甲方。"]},
 "onward_transfer": {
  "ok": ["未经甲方书面同意，乙方不得向任何第三方提供或委托他人处理个人信息。",
         "乙方不得将数据处理转委托给其他方，但经甲方事先书面批准的除外。",
         "除法律另有规定外，乙方未经甲方授权不得与他人共享个人信息。"],
  "neg": ["乙方可以自行决定向其关联方及其他第三方共享个人信息，无需经甲方同意。"],
  "hollow": []},
 "cross_border": {
  "ok": ["乙方向境外提供数据前，应当通过国家网信部门组织的安全评估。",
         "个人信息应当存储在中国境内；确需向境外提供的，应当事先通过安全评估。",
         "未经法定安全评估，乙方不得将数据传输至境外。"],
  "neg": ["乙方可将数据传输至境外，无需进行安全评估。"],
  "hollow": ["乙方可以将个人信息存储在境外服务器上。"]},
 "return_deletion": {
  "ok": ["本协议终止后，乙方应当删除或返还全部个人信息。",
         "协议到期或解除的，乙方应在三十日内销毁全部用户数据副本并书面确认。",
         "合同终止时，乙方应将个人信息返还甲方并删除剩余副本。"],
  "neg": ["协议终止后，乙方可永久保留全部个人信息。",
          "协议终止后，乙方无需删除个人信息。"],
  "hollow": ["本协议终止后，甲方应当删除乙方的账户数据。"]},
 "audit": {
  "ok": ["甲方有权对乙方的数据处理活动进行审计和检查。",
         "乙方应允许甲方或其委托的审计机构对乙方的数据处理情况进行现场检查。",
         "甲方可以通过审计等方式核查乙方履行本协议义务的情况。"],
  "neg": ["乙方无需接受任何针对其数据处理活动的审计或检查。"],
  "hollow": ["乙方应每年对其自身的数据处理活动进行一次审计。"]},
 "liability_recourse": {
  "ok": ["乙方违反本协议的，应当承担违约责任；甲方先行赔付用户的，有权向乙方追偿。",
         "因乙方违约造成用户损失，甲方先行赔偿后，乙方应当全额偿还甲方已支付的赔偿款。",
         "乙方应赔偿因其违反本协议给甲方造成的全部损失，包括甲方向用户先行赔付的款项。"],
  "neg": ["乙方对因其违反本协议造成的任何损失不承担任何责任。",
          "除本协议另有约定外，乙方对用户索赔不承担赔偿责任。"],
  "hollow": ["乙方违反本协议的，应当承担违约责任。"]},
 "record_keeping": {
  "ok": ["乙方应当保存个人信息处理记录，保存期限不少于三年。",
         "乙方应留存数据处理日志至少五年。",
         "乙方应记录其从甲方接收的全部个人信息，并在协议终止后保存该等记录三年。"],
  "neg": ["除另有约定外，乙方无需保存数据处理记录。"],
  "hollow": ["乙方应当保存处理记录两年。",
             "乙方应当保存数据处理记录。"]},
}

EN_DECOY = {"incident_notification": "The parties will meet each quarter to review the product roadmap.",
            "audit": "The Developer shall publish a changelog with every new release of its app.",
            "record_keeping": "Invoices are payable within thirty days of receipt.",
            "cross_border": "This Agreement is governed by the laws of the People's Republic of China."}
ZH_DECOY = {"incident_notification": "双方每季度召开一次会议，讨论产品规划。",
            "audit": "乙方每次发布新版本时应当公布更新说明。",
            "record_keeping": "发票应在收到后三十日内支付。",
            "cross_border": "本协议适用中华人民共和国法律。"}

EN_PREAMBLE = ["THIRD-PARTY DATA PROCESSING AGREEMENT",
               "This Agreement is entered into between Example Platform Co., Ltd. (the \"Platform\") and the app developer named in the signature block (the \"Developer\").",
               "The Developer wishes to connect its app to the Platform and will receive personal data of the Platform's users."]
ZH_PREAMBLE = ["第三方应用数据处理协议", "甲方（平台运营者）：示例网络科技有限公司", "乙方（开发者）：示例软件有限公司",
               "为规范乙方接入甲方平台后处理用户个人信息的活动，双方经协商一致，订立本协议。"]
EN_TAIL = ["This Agreement takes effect on the date of signature by both parties."]
ZH_TAIL = ["本协议自双方签字盖章之日起生效。"]

EXPECT = {"ok": "satisfied", "neg": "negated", "hollow": "insufficient", "missing": "missing", "decoy": "missing"}
ZH_NUM = "一二三四五六七八九十"

def number(style, i, lang):
    n = i + 1
    if style == "dot": return f"{n}. "
    if style == "decimal": return f"{n}.1 "
    if style == "article": return f"Article {n} "
    if style == "letter": return f"({'abcdefghijklmnop'[i]}) "
    if style == "zh_article": return f"第{zh_num(n)}条 "
    if style == "zh_dun": return f"{zh_num(n)}、"
    if style == "zh_paren": return f"（{zh_num(n)}）"
    return ""

def zh_num(n):
    if n <= 10: return ZH_NUM[n - 1]
    return "十" + ZH_NUM[n - 11]

def contract(cid, lang, fmt, spec, numbering="dot", headings=True, order=None, variant=0, split="seen", note=""):
    """spec: rule -> kind (ok/neg/hollow/missing/decoy) or (kind, index); default ok."""
    bank, heads, decoys = (EN, EN_HEAD, EN_DECOY) if lang == "en" else (ZH, ZH_HEAD, ZH_DECOY)
    paragraphs = [{"kind": "heading", "text": (EN_PREAMBLE if lang == "en" else ZH_PREAMBLE)[0]}]
    paragraphs += [{"kind": "paragraph", "text": t} for t in (EN_PREAMBLE if lang == "en" else ZH_PREAMBLE)[1:]]
    expected = {}
    rules = order or RULES
    i = 0
    for rule in rules:
        kind = spec.get(rule, "ok")
        idx = variant
        if isinstance(kind, tuple): kind, idx = kind
        expected[rule] = EXPECT[kind]
        if kind == "missing": continue
        text = decoys[rule] if kind == "decoy" else bank[rule][kind][idx % len(bank[rule][kind])]
        mark = number(numbering, i, lang)
        if headings or kind == "decoy":
            paragraphs.append({"kind": "heading", "text": mark + heads[rule]})
            paragraphs.append({"kind": "paragraph", "text": text})
        else:
            paragraphs.append({"kind": "paragraph", "text": mark + text})
        i += 1
    paragraphs += [{"kind": "paragraph", "text": t} for t in (EN_TAIL if lang == "en" else ZH_TAIL)]
    return {"id": cid, "language": lang, "format": fmt, "split": split, "note": note, "paragraphs": paragraphs, "expected": expected}

REORDER = ["record_keeping", "audit", "scope", "incident_notification", "responsibility", "liability_recourse",
           "onward_transfer", "return_deletion", "security_measures", "cross_border"]

def seen(lang):
    p = lang + "-"
    zh = lang == "zh"
    return [
        contract(p + "01-complete", lang, "txt", {}, numbering="zh_article" if zh else "dot", note="complete, numbered, headings"),
        contract(p + "02-complete-paraphrased", lang, "pdf", {}, numbering="", headings=False, order=REORDER, variant=1, note="complete, paraphrased, no headings, reordered"),
        contract(p + "03-complete-articles", lang, "docx", {}, numbering="zh_dun" if zh else "article", variant=2, note="complete, third phrasing"),
        contract(p + "04-missing", lang, "md", {"incident_notification": "missing", "audit": "missing", "record_keeping": "missing"}, numbering="zh_paren" if zh else "decimal", note="three clauses missing"),
        contract(p + "05-negated", lang, "pdf", {"incident_notification": "neg", "liability_recourse": "neg"}, note="negated incident notification and liability"),
        contract(p + "06-hollow", lang, "docx", {"incident_notification": ("hollow", 0), "record_keeping": ("hollow", 0), "scope": ("hollow", 0)}, numbering="zh_article" if zh else "dot", note="promptly, 2 years, any purpose"),
        contract(p + "07-decoys", lang, "txt", {"incident_notification": "decoy", "audit": "decoy", "cross_border": "decoy"}, numbering="zh_dun" if zh else "dot", note="decoy headings over unrelated text"),
        contract(p + "08-wrong-party", lang, "docx", {"incident_notification": ("hollow", 1), "responsibility": ("hollow", 0), "return_deletion": ("hollow", 0)}, numbering="", note="notice to users only, platform responsible, platform deletes"),
        contract(p + "09-missing-negated", lang, "pdf", {"onward_transfer": "missing", "cross_border": "missing", "return_deletion": "neg"}, numbering="zh_article" if zh else "article", variant=1, note="sharing and transfer clauses missing, retention forever"),
        contract(p + "10-hollow-2", lang, "txt", {"security_measures": "hollow", "incident_notification": ("hollow", 2), "audit": "hollow"}, headings=False, numbering="zh_paren" if zh else "letter", variant=1, note="general measures, too slow, self-audit"),
        contract(p + "11-plain", lang, "md", {}, numbering="", headings=False, order=list(reversed(RULES)), variant=2, note="no numbering, no headings, reversed"),
        contract(p + "12-negated-2", lang, "docx", {"onward_transfer": "neg", "audit": "neg", "record_keeping": "neg"}, variant=1, note="share without consent, no audit, no records"),
        contract(p + "13-exceptions", lang, "pdf", {"incident_notification": ("neg", 1), "scope": ("hollow", 1), "onward_transfer": ("ok", 2)}, numbering="decimal" if not zh else "zh_article", note="exceptions: law exception keeps a clause, agreed exception negates"),
        contract(p + "14-missing-2", lang, "txt", {"responsibility": "missing", "security_measures": "missing", "cross_border": "hollow", "liability_recourse": "hollow"}, variant=2, note="responsibility and measures missing, hollow transfer and liability"),
    ]


def hand(cid, lang, fmt, items, note):
    """items: (rule, expected, text) or (rule, expected, text, heading); rule None = an unrelated paragraph."""
    pre = EN_PREAMBLE if lang == "en" else ZH_PREAMBLE
    paragraphs = [{"kind": "heading", "text": pre[0]}] + [{"kind": "paragraph", "text": t} for t in pre[1:]]
    expected = {}
    for item in items:
        rule, status, text = item[0], item[1], item[2]
        if len(item) > 3:
            paragraphs.append({"kind": "heading", "text": item[3]})
        if text:
            paragraphs.append({"kind": "paragraph", "text": text})
        if rule:
            expected[rule] = status
    for rule in RULES:
        expected.setdefault(rule, "missing")
    return {"id": cid, "language": lang, "format": fmt, "split": "heldout", "note": note, "paragraphs": paragraphs, "expected": expected}

S, M, N, I = "satisfied", "missing", "negated", "insufficient"
HELDOUT = [
 hand("en-h01-partner-terms", "en", "pdf", [
  ("responsibility", S, "The Partner retains sole accountability for protecting the confidentiality, integrity and availability of Platform user information held on the Partner's infrastructure.", "1. Security ownership"),
  ("scope", S, "The Partner will use user information exclusively to fulfil the ride-booking service described in Schedule A and will not process it in any other manner.", "2. Permitted use"),
  ("security_measures", S, "The Partner must maintain a written information security programme that includes encryption of stored user information, two-factor authentication for staff accounts and annual penetration testing.", "3. Safeguards"),
  ("incident_notification", S, "Where the Partner becomes aware of unauthorised access to user information, it shall alert the Platform by e-mail within 12 hours.", "4. Breaches"),
  ("onward_transfer", S, "The Partner may engage sub-processors only with the Platform's prior written approval.", "5. Subcontracting"),
  ("cross_border", S, "User information may be exported from the People's Republic of China only after the Partner has completed the security assessment organised by the Cyberspace Administration of China.", "6. Export"),
  ("return_deletion", S, "Within fifteen days after this agreement expires, the Partner shall permanently erase all user information and certify the erasure to the Platform.", "7. Exit"),
  ("audit", S, "The Platform, or an independent auditor it appoints, is entitled to inspect the Partner's premises, systems and records relating to user information once per year and after any incident.", "8. Oversight"),
  ("liability_recourse", S, "The Partner shall hold the Platform harmless from and reimburse all sums the Platform has paid out in advance to users as compensation for harm caused by the Partner's non-compliance.", "9. Recourse"),
  ("record_keeping", S, "The Partner shall preserve logs of all processing operations on user information for no less than four years.", "10. Logs")], "complete, new vocabulary"),
 hand("en-h02-vendor", "en", "docx", [
  ("responsibility", S, "1. Vendor shall be responsible for the secure operation of its systems and the protection of all Platform data in its custody."),
  ("scope", I, "2. Vendor may process Platform data for any purpose related or unrelated to the Services."),
  ("security_measures", S, "3. Vendor shall apply access controls on a least-privilege basis and encrypt Platform data using industry-standard algorithms."),
  ("incident_notification", N, "4. Vendor shall have no obligation to inform the Platform of security incidents affecting Platform data."),
  ("onward_transfer", S, "5. Vendor shall not subcontract any processing of Platform data without the Platform's written consent."),
  ("return_deletion", I, "6. Upon expiry of the Agreement, the Platform will remove Vendor's access credentials and delete the data it stores about Vendor."),
  ("audit", S, "7. Vendor shall permit the Platform to conduct audits of Vendor's compliance with this Agreement on reasonable notice."),
  ("liability_recourse", S, "8. Vendor shall indemnify the Platform for all amounts the Platform pays in advance to users in respect of losses caused by Vendor's breach."),
  ("record_keeping", I, "9. Vendor shall retain processing records for eighteen months.")], "any purpose, no duty to inform, platform deletes, 18 months"),
 hand("en-h03-plain", "en", "txt", [
  ("responsibility", S, "You are responsible for securing the data you receive from us and the systems you use to process it."),
  ("scope", S, "You may only use the data to provide the features of your app that the user has requested."),
  ("security_measures", I, "You will take reasonable steps to keep the data secure."),
  ("incident_notification", S, "If you suffer a data breach, you must tell us within 24 hours."),
  ("onward_transfer", N, "You may pass the data to any third party without asking for our consent."),
  ("cross_border", S, "You must not move the data outside China unless the security assessment required by law has been passed."),
  ("return_deletion", S, "When this agreement ends, you must delete the data and any copies."),
  ("audit", N, "We will not have any right to audit or inspect your systems."),
  ("liability_recourse", S, "You are liable for any breach of these terms and must repay us any compensation we paid to users in advance because of your breach."),
  ("record_keeping", S, "You must keep records of the processing for at least three years.")], "you/we terms, no headings"),
 hand("en-h04-licensee", "en", "md", [
  ("scope", S, "The Licensee shall limit its processing of personal information to the purposes, methods and data categories set out in the Order Form.", "Section 1. Purpose limitation"),
  ("security_measures", S, "The Licensee shall implement the security controls listed in Annex 2, including encryption at rest, network segregation and security logging.", "Section 2. Controls"),
  ("incident_notification", I, "The Licensee shall notify the Platform of any breach of security as soon as reasonably practicable.", "Section 3. Notification"),
  ("onward_transfer", S, "The Licensee shall not share personal information with any other company unless the Platform has given its prior consent in writing.", "Section 4. Sharing"),
  ("cross_border", I, "The Licensee may host personal information in data centres located overseas.", "Section 5. Hosting"),
  ("return_deletion", S, "Upon termination, the Licensee shall return all personal information to the Platform.", "Section 6. Termination"),
  ("audit", S, "The Licensee shall submit to inspections by the Platform of its data processing facilities.", "Section 7. Inspections"),
  ("liability_recourse", I, "The Licensee shall be liable for direct damages resulting from its breach of this Agreement.", "Section 8. Liability"),
  ("record_keeping", S, "The Licensee shall keep a register of processing activities and retain it for a period of five years.", "Section 9. Register")], "responsibility missing, hollow notice, hosting overseas, no recourse"),
 hand("en-h05-exceptions", "en", "pdf", [
  ("responsibility", N, "A. The Developer shall not be responsible for the security of any data processed through the Platform's APIs."),
  ("scope", S, "B. Save as required by applicable law, the Developer shall process personal data solely for the purposes notified to users in the app's privacy notice."),
  ("security_measures", S, "C. The Developer shall protect personal data with TLS 1.2 or higher in transit, AES encryption at rest and documented access control procedures."),
  ("incident_notification", S, "D. Subject to any confidentiality obligations imposed by law, the Developer shall notify the Platform in writing of any personal data breach within 36 hours of becoming aware of it."),
  ("onward_transfer", S, "E. Except where required by law, the Developer shall not disclose personal data to third parties without the Platform's prior written consent."),
  ("cross_border", N, "F. Nothing in this Agreement restricts the Developer from transferring personal data outside the PRC."),
  ("return_deletion", S, "G. Within 30 days after termination the Developer shall delete all personal data received from the Platform, unless retention is required by law."),
  ("audit", S, "H. The Platform may, upon 14 days' notice, audit the Developer's compliance with this Agreement."),
  ("liability_recourse", N, "I. Except in case of fraud, the Developer shall bear no liability for losses suffered by the Platform or users."),
  ("record_keeping", I, "J. The Developer shall keep logs of access to personal data for six months.")], "exceptions and negations"),
 hand("en-h06-decoys", "en", "docx", [
  (None, None, "The Developer shall maintain an incident response plan and test it annually.", "Incident Response"),
  (None, None, "The Developer shall publish release notes for each version of its app.", "Audit"),
  ("security_measures", S, "Security: the Developer shall encrypt all personal data and restrict access to authorised personnel."),
  ("responsibility", S, "The Developer answers for the security of the user data and the IT systems under its control."),
  ("scope", S, "Personal data shall be processed strictly within the scope of the purposes agreed in Annex 1."),
  ("onward_transfer", S, "Sub-processing requires the Platform's prior consent."),
  ("cross_border", S, "Any cross-border transfer of personal data requires a completed security assessment."),
  ("return_deletion", S, "On expiry or termination the Developer shall return or destroy the personal data."),
  ("liability_recourse", S, "The Developer shall compensate the Platform for all amounts paid by the Platform in advance to users whose rights were infringed by the Developer."),
  ("record_keeping", S, "The Developer shall retain processing records for a minimum of three (3) years.")], "decoy headings, short clauses"),
 hand("zh-h01-complete", "zh", "pdf", [
  ("responsibility", S, "开发者是其所处理用户数据安全的第一责任人，应确保其服务器及应用系统的安全。", "一、安全责任主体"),
  ("scope", S, "开发者收集、使用用户个人信息，应当限于附件所列业务功能所必需的范围，不得用于其他用途。", "二、使用限制"),
  ("security_measures", S, "开发者应当对敏感个人信息进行加密存储，并实施基于角色的访问控制和操作日志审计。", "三、技术保障"),
  ("incident_notification", S, "开发者发生或可能发生个人信息泄露的，应当立即采取补救措施，并于十二小时内通知平台。", "四、事件处置"),
  ("onward_transfer", S, "开发者委托第三方处理个人信息的，应当事先取得平台书面同意。", "五、转委托"),
  ("cross_border", S, "开发者不得将在境内收集的个人信息传输至境外，法律法规另有规定且已通过安全评估的除外。", "六、跨境传输"),
  ("return_deletion", S, "合作终止后，开发者应在十五日内删除其存储的全部用户个人信息，并向平台出具删除证明。", "七、合作终止"),
  ("audit", S, "平台有权定期或不定期对开发者的个人信息保护情况进行检查，开发者应予配合。", "八、监督"),
  ("liability_recourse", S, "因开发者违规处理个人信息导致用户向平台索赔的，平台先行赔付后，开发者应当向平台偿还全部赔付款项。", "九、追偿"),
  ("record_keeping", S, "开发者应当如实记录个人信息处理情况，相关记录至少保存三年。", "十、记录")], "complete, new wording, platform named directly"),
 hand("zh-h02-defects", "zh", "docx", [
  ("responsibility", I, "第一条 平台对开发者系统中的数据安全承担全部责任。"),
  ("scope", I, "第二条 开发者可以根据业务需要自行决定个人信息的使用目的和范围。"),
  ("security_measures", I, "第三条 开发者应当采取适当的安全保护措施。"),
  ("incident_notification", I, "第四条 开发者发生数据泄露事件的，应当尽快告知受影响的用户。"),
  ("onward_transfer", S, "第五条 未经平台许可，开发者不得将用户数据转让或出售给任何第三方。"),
  ("return_deletion", N, "第六条 协议终止后，开发者无需删除其已收集的用户信息。"),
  ("audit", S, "第七条 平台有权审计开发者的数据处理活动。"),
  ("liability_recourse", I, "第八条 开发者违反本协议约定的，应当承担相应的法律责任。"),
  ("record_keeping", I, "第九条 开发者应当将个人信息处理记录保存一年。")], "many hollow clauses"),
 hand("zh-h03-plain", "zh", "txt", [
  ("responsibility", S, "开发者对其在平台接入过程中获取的数据负有安全保护责任。"),
  ("scope", S, "开发者处理个人信息不得超出用户授权的目的和范围。"),
  ("security_measures", S, "开发者应当部署防火墙、入侵检测及数据备份措施。"),
  ("incident_notification", N, "开发者对安全事件不负通知平台的义务。"),
  ("onward_transfer", S, "开发者不得擅自向他人提供用户个人信息。"),
  ("cross_border", S, "如需向境外提供个人信息，开发者应当依法申报数据出境安全评估。"),
  ("return_deletion", S, "服务终止时，开发者应当将用户数据返还平台或予以销毁。"),
  ("audit", S, "开发者应当接受平台对其数据安全情况的监督检查。"),
  ("liability_recourse", S, "平台因开发者原因先行向用户赔偿的，有权向开发者全额追偿。"),
  ("record_keeping", S, "开发者应保留数据访问日志不少于三十六个月。")], "no headings, no numbering"),
 hand("zh-h04-md", "zh", "md", [
  ("scope", I, "开发者可将所获数据用于任意用途。", "1. 数据用途"),
  ("security_measures", S, "开发者应当采用加密传输、最小权限访问控制等技术手段保障数据安全。", "2. 技术措施"),
  ("incident_notification", S, "发生个人信息安全事件后，开发者应在48小时内书面报告平台。", "3. 事件报告"),
  ("onward_transfer", N, "开发者有权在不经平台同意的情况下向合作伙伴共享数据。", "4. 数据共享"),
  ("cross_border", S, "未通过国家网信部门组织的数据出境安全评估的，开发者不得向境外提供数据。", "5. 出境"),
  ("return_deletion", I, "协议终止后，平台应删除开发者的账户信息。", "6. 终止"),
  ("audit", S, "平台可以委托第三方机构对开发者进行合规审计。", "7. 审计"),
  ("liability_recourse", N, "开发者不对因其违约给平台造成的任何损失承担责任。", "8. 责任"),
  ("record_keeping", S, "开发者应留存处理活动记录五年以上。", "9. 记录")], "responsibility missing; negated sharing and liability"),
 hand("zh-h05-pdf", "zh", "pdf", [
  ("responsibility", S, "（一）各方应当对其各自控制的系统和数据的安全负责。"),
  ("scope", S, "（二）开发者仅得在实现本协议约定服务所必需的范围内处理用户个人信息。"),
  ("security_measures", I, "（三）开发者应当按照行业惯例保护数据安全。"),
  ("incident_notification", S, "（四）开发者应在知悉安全事件后二十四小时内向平台报告事件情况。"),
  ("onward_transfer", S, "（五）非经平台事先书面同意，开发者不得转委托他人处理数据。"),
  ("cross_border", N, "（六）开发者向境外传输数据无需经过安全评估。"),
  ("return_deletion", S, "（七）本协议解除或终止之日起三十日内，开发者应删除全部用户数据。"),
  ("audit", N, "（八）平台无权对开发者的系统进行检查。"),
  ("liability_recourse", S, "（九）开发者应当赔偿平台因其违约遭受的全部损失，包括平台向用户先行支付的赔偿金。"),
  ("record_keeping", I, "（十）开发者应保存数据处理记录六个月。")], "parenthesised numbering, negations"),
 hand("zh-h06-decoys", "zh", "docx", [
  (None, None, "双方应每月核对一次结算数据。", "安全事件通知"),
  (None, None, "开发者应在每个版本发布前完成功能测试。", "审计"),
  ("responsibility", S, "开发者承担其应用及后台系统的网络安全和数据安全保护责任。"),
  ("scope", S, "开发者处理数据的目的、方式和种类以附件一为限。"),
  ("security_measures", S, "开发者应实施数据分类分级、加密存储和访问权限管理。"),
  ("onward_transfer", S, "开发者对外提供用户数据须经平台批准。"),
  ("cross_border", S, "数据出境应当依法通过安全评估。"),
  ("return_deletion", S, "合同期满后，开发者应返还或销毁全部用户数据。"),
  ("liability_recourse", S, "开发者因违约给用户造成损害，平台先行赔付的，开发者应向平台偿还。"),
  ("record_keeping", S, "开发者应当保存处理记录不少于三年。")], "decoy headings, short clauses"),
]

# Second held-out set ("heldout2"), written after the fixes prompted by the first held-out set's errors,
# and measured once without changing anything afterwards.
def blind(cid, lang, fmt, items, note):
    c = hand(cid, lang, fmt, items, note)
    c["split"] = "heldout2"
    return c

HELDOUT2 = [
 blind("en-b01-integrator", "en", "txt", [
  ("responsibility", S, "The Integrator is accountable for keeping secure every system it uses to handle Platform end-user data."),
  ("scope", S, "The Integrator shall handle end-user data solely to deliver the payment reconciliation service and for no unrelated aims."),
  ("security_measures", I, "The Integrator shall adopt security measures appropriate to the risk."),
  ("incident_notification", S, "The Integrator shall report each confirmed or suspected breach involving end-user data to the Platform not later than two days after detection."),
  ("onward_transfer", S, "The Integrator shall not hand over end-user data to other parties unless the Platform agrees in advance in writing."),
  ("return_deletion", N, "After the agreement ends, the Integrator is not required to erase any end-user data."),
  ("audit", S, "The Integrator agrees that the Platform may examine its data handling practices and records at any time during business hours."),
  ("liability_recourse", S, "Where the Platform compensates an end user in advance for a loss caused by the Integrator's violation, the Integrator shall reimburse the Platform in full within 30 days."),
  ("record_keeping", I, "The Integrator shall keep an audit trail of data access for 12 months.")], "integrator terms, plain text"),
 blind("en-b02-merchant", "en", "pdf", [
  ("responsibility", N, "Clause 1. The Merchant bears no responsibility for the security of customer data stored on its servers."),
  ("scope", S, "Clause 2. Customer data may be used by the Merchant only for the order fulfilment purposes listed in the Annex."),
  ("security_measures", S, "Clause 3. The Merchant shall protect customer data by means of encryption, access logging and regular vulnerability scans."),
  ("incident_notification", I, "Clause 4. In the event of a security breach, the Merchant shall inform the Platform within a reasonable time."),
  ("onward_transfer", S, "Clause 5. The Merchant must obtain the Platform's consent before sharing customer data with any third party."),
  ("cross_border", S, "Clause 6. Customer data must remain in mainland China and shall not be transferred abroad without a completed government security assessment."),
  ("return_deletion", S, "Clause 7. Upon termination, the Merchant shall securely delete customer data and provide a deletion certificate."),
  ("audit", I, "Clause 8. The Merchant shall carry out an internal audit of its data processing each year and keep the results."),
  ("liability_recourse", S, "Clause 9. The Merchant shall indemnify the Platform for any compensation the Platform advanced to customers on account of the Merchant's breach."),
  ("record_keeping", S, "Clause 10. The Merchant shall keep records of processing for a period of not less than three years.")], "merchant terms, Clause N numbering"),
 blind("en-b03-app", "en", "docx", [
  ("responsibility", I, "Users are responsible for the security of their own devices and data.", "Security"),
  ("scope", I, "The App Provider may use data for whatever purposes it considers useful.", "Use of data"),
  ("security_measures", S, "The App Provider will pseudonymise analytics data and restrict database access to named engineers using hardware security keys.", "Protection"),
  ("incident_notification", S, "The App Provider must alert the Platform within 24 hours of detecting any compromise of personal data.", "Incidents"),
  ("onward_transfer", N, "The App Provider is free to disclose personal data to its partners without obtaining the Platform's consent.", "Disclosure"),
  ("cross_border", S, "Personal data will only be transferred overseas after the security assessment required by Chinese law has been completed.", "International transfers"),
  ("return_deletion", S, "On termination, all personal data shall be returned to the Platform and the App Provider shall keep no copies.", "Termination"),
  ("audit", S, "The App Provider shall cooperate with audits carried out by the Platform or its designated auditors.", "Audits"),
  ("liability_recourse", N, "Nothing in this agreement requires the App Provider to reimburse the Platform for compensation paid to users.", "Liability")], "app provider terms, headings"),
 blind("zh-b01-jieru", "zh", "txt", [
  ("responsibility", S, "接入方应当对其系统和所存储数据的安全承担主体责任。"),
  ("scope", S, "接入方仅能在用户同意的范围内收集和使用个人信息。"),
  ("security_measures", S, "接入方应当对传输中的数据采用TLS加密，并对后台管理账号启用双因素认证。"),
  ("incident_notification", I, "接入方发现数据泄露的，应当第一时间通知平台。"),
  ("onward_transfer", S, "接入方未经平台书面同意，不得将个人信息提供给任何其他组织或个人。"),
  ("cross_border", N, "接入方可以自行决定将数据存储于境外服务器，无需进行出境安全评估。"),
  ("return_deletion", S, "协议终止后，接入方应当在七日内销毁全部个人信息。"),
  ("audit", S, "平台有权随时核查接入方个人信息处理活动的合规情况。"),
  ("liability_recourse", I, "接入方应当对其违约行为承担违约责任。"),
  ("record_keeping", S, "接入方应当将个人信息处理日志留存不少于三年。")], "plain text"),
 blind("zh-b02-hezuo", "zh", "pdf", [
  ("responsibility", I, "第一条 用户应自行负责其账号和数据的安全。"),
  ("scope", I, "第二条 合作方可以为任何目的使用平台提供的数据。"),
  ("security_measures", S, "第三条 合作方应当采取数据加密、访问控制和安全审计等措施。"),
  ("incident_notification", S, "第四条 合作方发生个人信息泄露事件的，应在七十二小时内以书面形式通报平台。"),
  ("onward_transfer", N, "第五条 合作方可以无需平台同意向其关联公司提供用户数据。"),
  ("cross_border", S, "第六条 合作方向境外提供个人信息的，应当事先通过国家网信部门组织的安全评估。"),
  ("return_deletion", S, "第七条 合作终止时，合作方应当删除或者归还全部用户数据。"),
  ("audit", S, "第八条 合作方应当配合平台开展的数据安全审计。"),
  ("liability_recourse", S, "第九条 合作方违约导致平台向用户先行赔偿的，合作方应当向平台全额补偿。"),
  ("record_keeping", I, "第十条 合作方应当保存数据处理记录一年半。")], "article numbering"),
 blind("zh-b03-fuwu", "zh", "docx", [
  ("responsibility", S, "服务提供方负责保障其信息系统以及所处理数据的安全。", "一、安全义务"),
  ("scope", S, "服务提供方处理个人信息，应当限于本协议约定的目的和方式。", "二、处理限制"),
  ("security_measures", I, "服务提供方应当建立健全数据安全管理制度。", "三、管理制度"),
  ("incident_notification", N, "除法律另有规定外，服务提供方无需就安全事件通知平台。", "四、事件"),
  ("onward_transfer", S, "服务提供方不得转委托他人处理个人信息。", "五、转委托"),
  ("cross_border", S, "服务提供方不得向境外提供个人信息。", "六、出境"),
  ("return_deletion", N, "本协议终止后，服务提供方可以继续保留并使用用户数据，且无期限限制。", "七、终止"),
  ("audit", S, "平台可以对服务提供方的数据处理情况进行现场检查。", "八、检查"),
  ("liability_recourse", S, "服务提供方应当赔偿平台因其违约而向用户先行支付的全部赔偿款。", "九、赔偿"),
  ("record_keeping", S, "服务提供方应当留存处理记录五年。", "十、记录")], "headings, 一、 numbering"),
]

def main():
    import heldout3_en, heldout3_zh
    corpus = seen("en") + seen("zh") + HELDOUT + HELDOUT2 + heldout3_en.CONTRACTS + heldout3_zh.CONTRACTS
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"rules": RULES, "contracts": corpus}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(corpus)} contracts -> {out}")

if __name__ == "__main__":
    main()
