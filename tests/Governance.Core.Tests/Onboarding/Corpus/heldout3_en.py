"""Third held-out set, English ("heldout3"): whole contracts in real-world styles, written before the engine was
changed and measured once, blind, on the engine as it stood (see heldout3-notes.md for the annotation notes)."""
from corpus_dsl import doc

SPLIT = "heldout3"


def en(cid, fmt, note, expected, text):
    return doc(cid, "en", fmt, SPLIT, note, expected, text)


CONTRACTS = [
 en("en-e01-dpa", "docx", "GDPR-style DPA: Controller/Processor, definitions, annex table of measures",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=I rec=I", """
# DATA PROCESSING AGREEMENT
This Data Processing Agreement ("DPA") forms part of the Services Agreement between Example Platform Co., Ltd. (the "Controller") and the service provider identified in the Order Form (the "Processor").
# 1. Definitions
1.1 "Personal Data" means any information relating to an identified or identifiable natural person that the Processor processes on behalf of the Controller.
1.2 "Personal Data Breach" means a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, Personal Data.
1.3 "Sub-processor" means any processor engaged by the Processor to process Personal Data.
1.4 "Applicable Data Protection Law" means the Personal Information Protection Law of the PRC and any other law on the processing of Personal Data that applies to the Processor.
# 2. Processing of Personal Data
2.1 The Processor shall process Personal Data only on documented instructions from the Controller and only to the extent necessary to provide the Services described in Annex 1.
2.2 The Controller shall ensure that its instructions comply with Applicable Data Protection Law.
# 3. Confidentiality
3.1 The Processor shall ensure that persons authorised to process Personal Data have committed themselves to confidentiality.
# 4. Security
4.1 Taking into account the state of the art, the costs of implementation and the risks to data subjects, the Processor shall implement the technical and organisational measures set out in Annex 2.
4.2 The Processor is responsible for the security of its processing systems and of the Personal Data while in its custody.
# 5. Sub-processors
5.1 The Processor shall not engage another processor without the prior specific written authorisation of the Controller.
5.2 Where the Processor engages a Sub-processor with such authorisation, it shall impose the same data protection obligations on it by contract.
# 6. Personal Data Breach
6.1 The Processor shall notify the Controller without undue delay, and in any event within 48 hours, after becoming aware of a Personal Data Breach.
6.2 The notification shall describe the nature of the breach, the categories and approximate number of data subjects concerned, the likely consequences and the measures taken or proposed.
# 7. International Transfers
7.1 The Processor shall not transfer Personal Data to any country outside the People's Republic of China unless the Controller has given prior written consent and the transfer has passed the security assessment, or completed another mechanism, required by Applicable Data Protection Law.
# 8. Audits
8.1 The Processor shall make available to the Controller all information necessary to demonstrate compliance with this DPA and shall allow for and contribute to audits, including inspections, conducted by the Controller or another auditor mandated by the Controller.
# 9. Return and Deletion
9.1 At the choice of the Controller, the Processor shall delete or return all Personal Data to the Controller after the end of the provision of the Services, and delete existing copies unless applicable law requires their storage.
# 10. Records
10.1 The Processor shall maintain a written record of all categories of processing activities carried out on behalf of the Controller and make it available to the Controller on request.
# 11. Liability
11.1 Each party's liability arising out of or related to this DPA is subject to the limitations of liability in the Services Agreement.
# Annex 1 - Details of Processing
Subject matter: hosting and support of the Controller's customer-service tools. Categories of data subjects: end users of the Controller's platform. Categories of Personal Data: name, telephone number, order history and support tickets. Purpose: routing and answering support requests.
# Annex 2 - Technical and Organisational Measures
| Measure | Implementation
| Encryption | AES-256 at rest, TLS 1.2 or higher in transit
| Access control | Role-based access, multi-factor authentication for administrative access
| Vulnerability management | Quarterly scans and an annual penetration test
"""),

 en("en-e02-saas-we", "txt", "SaaS subscription terms where 'we' is the vendor and 'you' the platform",
    "resp=S scope=S sec=S inc=S onw=I xb=I ret=S aud=S liab=S rec=S", """
ACME ANALYTICS - SUBSCRIPTION TERMS FOR PLATFORM CUSTOMERS
These Subscription Terms ("Terms") are made between Acme Analytics Ltd ("Acme", "we", "us" or "our") and the platform operator that accepts them ("Customer", "you" or "your"). Acme provides an analytics service that Customer connects to its platform through Acme's API.
1. Services. We will provide the Services described in the Order Form. You are responsible for your use of the Services and for the accuracy of the data you submit.
2. Customer Data. As between the parties, you own all Customer Data. We will process Customer Data only to provide and support the Services and as otherwise instructed by you in writing.
3. Security. We are responsible for the security of the Services and of Customer Data stored in our systems. We will maintain the security measures described in the Data Schedule, which include encryption of Customer Data at rest and in transit, single sign-on with two-factor authentication for our staff, and annual third-party penetration tests.
4. Security incidents. If we become aware of a Security Incident, we will notify you without undue delay and in any case within 72 hours, and provide the information you reasonably request.
5. Subprocessors. You authorise us to engage the subprocessors listed on our website. We will give you at least 30 days' notice of any new subprocessor; if you object on reasonable grounds, you may terminate the affected Services as your sole remedy.
6. Data location. Customer Data is hosted in Acme's data centres in Singapore and Frankfurt.
7. Term and termination. Either party may terminate these Terms on 90 days' notice. Upon termination, we will make Customer Data available for export for 30 days, after which we will delete it from our systems within a further 60 days.
8. Audit. No more than once a year and on 30 days' written notice, you may audit our compliance with these Terms.
9. Records. We keep records of the processing activities we perform on your behalf for the life of the subscription and for three years afterwards.
10. Limitation of liability. Neither party will be liable for indirect or consequential damages. We will indemnify you against third-party claims, and reimburse any compensation you pay to your end users in advance, to the extent they arise from our breach of section 3 or 4.
11. Governing law. These Terms are governed by the laws of the Hong Kong Special Administrative Region.
"""),

 en("en-e03-us-addendum", "pdf", "US-style vendor data security addendum, 'Company' is the platform, one long enumerated sentence",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=S rec=I", """
# DATA SECURITY ADDENDUM
This Data Security Addendum (this "Addendum") is entered into by and between Northwind Marketplace, Inc., operator of the Northwind platform ("Company"), and the vendor executing the Master Services Agreement ("Vendor").
Section 1. Definitions. "Company Data" means all data, including Personal Information, that Vendor receives from or on behalf of Company. "Security Incident" means any actual or reasonably suspected unauthorized access to, acquisition, use or disclosure of Company Data.
Section 2. Vendor's Security Responsibilities. Vendor shall be solely responsible for the security of Company Data in its possession and of all systems Vendor uses to process it, and shall maintain a comprehensive written information security program with administrative, technical and physical safeguards, including: (a) encryption of Company Data in transit using TLS 1.2 or higher and at rest using AES-256; (b) multi-factor authentication for remote and privileged access; (c) logging and monitoring of access to Company Data; and (d) annual security awareness training for personnel.
Section 3. Use Restrictions. Vendor shall use Company Data solely to perform the Services under the Agreement and for no other purpose, and shall not sell, rent or disclose Company Data to any third party without Company's prior written consent.
Section 4. Security Incidents. Vendor shall notify Company in writing within twenty-four (24) hours of discovering a Security Incident and shall cooperate with Company's investigation. Vendor shall not notify affected individuals or regulators of a Security Incident without Company's prior approval, except as required by law.
Section 5. Data Location. Vendor shall not store or process Company Data outside the People's Republic of China.
Section 6. Return or Destruction. Within ten (10) business days after termination of the Agreement or upon Company's request, Vendor shall return or securely destroy all Company Data and certify the destruction in writing.
Section 7. Assessments. Company or its designee may, upon reasonable notice, conduct an on-site assessment of Vendor's facilities, systems and procedures used to process Company Data.
Section 8. Records. Vendor shall retain records demonstrating its compliance with this Addendum for the term of the Agreement.
Section 9. Indemnification. Vendor shall defend, indemnify and hold harmless Company from and against all losses, damages, fines and costs arising from Vendor's breach of this Addendum, including amounts Company pays to affected individuals as compensation.
Section 10. Order of Precedence. In the event of a conflict between this Addendum and the Agreement, this Addendum controls.
"""),

 en("en-e04-uk-schedule", "txt", "UK-drafted data protection schedule: 'Client', defined Retention Period, cross-references, annex list",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=S rec=S", """
SCHEDULE 4 - DATA PROTECTION
1. Interpretation
1.1 In this Schedule: "Client" means Example Platform Ltd; "Client Personal Data" means personal data supplied by or on behalf of the Client to the Supplier; "Data Loss Event" means any event that results, or may result, in unauthorised access to Client Personal Data; "Retention Period" means six (6) years from the date of the relevant processing.
2. Processing
2.1 The Supplier shall process Client Personal Data only to the extent, and in such a manner, as is necessary for the provision of the Services described in Annex A, and in accordance with the Client's written instructions.
2.2 The Supplier shall be responsible for the security of Client Personal Data and of the Supplier System.
3. Protective Measures
3.1 The Supplier shall put in place Protective Measures, having regard to the nature of the data and the harm that might result from a Data Loss Event, which shall include at least the measures in Annex B.
4. Data Loss Events
4.1 The Supplier shall notify the Client immediately, and in any event within 24 hours, if it becomes aware of a Data Loss Event.
5. Sub-processing
5.1 Before allowing any Sub-processor to process any Client Personal Data, the Supplier must obtain the prior written consent of the Client.
6. Transfers
6.1 The Supplier shall not transfer Client Personal Data outside mainland China unless the prior written consent of the Client has been obtained and the transfer complies with clause 6.2.
6.2 A transfer complies with this clause only where the security assessment or other mechanism required by the Personal Information Protection Law has been completed before the transfer.
7. Records and Audit
7.1 The Supplier shall maintain complete and accurate records of its processing of Client Personal Data and keep them for the Retention Period.
7.2 The Supplier shall allow audits of its data processing activity by the Client or the Client's designated auditor.
8. Termination
8.1 At the written direction of the Client, the Supplier shall delete or return Client Personal Data (and any copies of it) to the Client on termination of the Contract unless the Supplier is required by law to retain it.
9. Liability
9.1 The Supplier shall be liable for, and shall indemnify the Client against, any loss arising from a breach of this Schedule by the Supplier, including any compensation which the Client pays to data subjects in advance of recovering it from the Supplier.
ANNEX B - PROTECTIVE MEASURES
(a) pseudonymisation and encryption of Client Personal Data;
(b) role-based access control with quarterly access reviews;
(c) back-ups tested every six months;
(d) a documented incident response plan.
"""),

 en("en-e05-developer-agreement", "docx", "app developer agreement: long sentences with several obligations, hollow security and notice, sharing with service providers",
    "resp=S scope=S sec=I inc=I onw=I xb=S ret=S aud=M liab=S rec=I", """
# PLATFORM DEVELOPER AGREEMENT
This Platform Developer Agreement is between Example Platform Co., Ltd. ("we", "us", "our" or the "Platform") and you, the developer of the application ("you", "your" or "Developer").
# 1. Your app and user data
You will only request user data that you need for your app's features, you will use user data only to provide those features, you will keep user data secure using appropriate measures, and you will not sell user data.
# 2. Sharing
You may share user data with service providers that process it on your behalf, provided they are bound by confidentiality obligations no less protective than these terms.
# 3. Security incidents
If you discover unauthorised access to user data, you will promptly notify affected users and, where required by law, the competent authorities.
# 4. Responsibility
You are solely responsible for your app, your servers and any user data in your possession, including its security.
# 5. Data storage
You will store user data collected through the Platform on servers located in mainland China and will not transfer it abroad unless the transfer has passed the security assessment required by law.
# 6. Deleting data
If this Agreement ends, or if a user deletes their account, you will delete that user's data from your systems within 30 days, unless retention is required by law.
# 7. App review
We review every version of your app before it is published on the Platform and may reject versions that do not follow our design guidelines.
# 8. Logs
You will keep logs of your app's access to user data for at least 180 days.
# 9. Liability
You will be liable for all claims arising from your breach of this Agreement and will reimburse us for any compensation we pay to users in advance on your behalf.
"""),

 en("en-e06-mutual", "md", "mutual data protection terms: 'each Party', notice to 'the other Party'",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=I rec=S", """
# MUTUAL DATA PROTECTION TERMS
These terms apply between Example Platform Co., Ltd. (the "Platform") and Harbor Logistics Ltd. (the "Partner"), each a "Party".
# 1. Roles
Each Party is responsible for the security of the personal data it holds and of the systems it operates to process that data.
# 2. Purpose
Each Party shall process the shared personal data solely for the delivery purposes described in Schedule 1 and shall not process it for any incompatible purpose.
# 3. Security
Each Party shall implement appropriate technical and organisational measures, including encryption in transit, access logging and role-based permissions.
# 4. Breach notification
A Party that suffers a security breach affecting shared personal data shall inform the other Party within 24 hours of becoming aware of it.
# 5. Onward sharing
Neither Party shall disclose shared personal data to a third party without the other Party's prior written consent, except to its own employees on a need-to-know basis.
# 6. Transfers abroad
Neither Party shall transfer shared personal data outside the PRC without first completing the security assessment required by law.
# 7. End of the arrangement
Upon expiry of these terms, each Party shall delete the personal data received from the other Party within 30 days.
# 8. Audit
Each Party may, once per year and on 30 days' notice, audit the other Party's compliance with these terms.
# 9. Liability
Each Party shall be liable to the other for damage caused by its breach of these terms.
# 10. Records
Each Party shall keep records of the processing of shared personal data for five years.
"""),

 en("en-e07-merchant-decoys", "pdf", "merchant agreement: decoy headings (security deposit, fee audit, invoice records, foreign currency), hollow data clauses",
    "resp=M scope=S sec=I inc=I onw=I xb=M ret=I aud=M liab=I rec=M", """
# MERCHANT SERVICES AGREEMENT
This Agreement is made between Example Platform Co., Ltd. (the "Platform Operator") and the service provider named in Schedule 1 (the "Service Provider").
1. Security Deposit. The Service Provider shall pay a security deposit of CNY 10,000 within 7 days of signing, which the Platform Operator may apply against unpaid fees.
2. Fees and Audit. The Service Provider shall keep accurate books of account. The Platform Operator may audit the Service Provider's books once a year to verify the fees payable.
3. Records. Invoices and payment records shall be retained for six years in accordance with tax law.
4. International Payments. Payments in a foreign currency shall be converted at the central parity rate published by the People's Bank of China.
5. Data Protection.
5.1 The Service Provider shall use personal data of customers only for fulfilling orders placed through the Platform.
5.2 The Service Provider shall take reasonable measures to keep customer data secure.
5.3 The Service Provider shall inform the Platform Operator of any data breach as soon as possible.
5.4 The Service Provider shall not disclose customer data to any third party except its delivery contractors.
5.5 Upon termination, the Platform Operator will close the Service Provider's account and delete the data stored in it.
6. Liability. The Platform Operator shall not be liable for any loss suffered by the Service Provider. The Service Provider shall compensate customers for losses caused by defective goods.
7. Term. This Agreement has a term of one year and renews automatically unless either party gives notice.
"""),

 en("en-e08-developer-draft", "txt", "developer-favourable draft: negations with thresholds, 'nothing restricts', capped liability, exception 'unless otherwise agreed'",
    "resp=S scope=S sec=S inc=N onw=S xb=N ret=S aud=S liab=N rec=S", """
DATA TERMS (DEVELOPER DRAFT)
These Data Terms apply between Example Platform Co., Ltd. ("Platform") and Brightline Apps Ltd. ("Developer").
1.1 Developer shall process Platform User Data solely for the purpose of providing the Developer App features listed in Exhibit A.
1.2 Developer shall implement encryption at rest and in transit and restrict access to Platform User Data to personnel with a need to know.
2.1 Developer is responsible for the security of the Developer App and its back-end systems; Platform is responsible for the security of the Platform APIs.
3.1 Developer shall not be required to notify Platform of any Security Incident unless the incident involves Platform User Data of more than 10,000 users, in which case Developer shall notify Platform within 72 hours.
4.1 Except with the prior written consent of Platform, Developer shall not engage sub-processors to process Platform User Data.
5.1 Nothing in these Data Terms restricts Developer from storing Platform User Data with cloud providers outside the PRC.
6.1 Upon termination, Developer shall delete Platform User Data within 60 days, except that Developer may retain aggregated or de-identified data.
7.1 Platform may audit Developer's compliance with these Data Terms no more than once in any 12-month period, at Platform's cost.
8.1 Developer shall not be liable for any indirect loss, and Developer's aggregate liability under these Data Terms shall not exceed the fees paid in the preceding 12 months.
8.2 Developer shall have no obligation to reimburse Platform for any compensation Platform elects to pay to users.
9.1 Developer shall keep records of processing for at least three (3) years, unless otherwise agreed in writing.
"""),

 en("en-e09-rider-roman", "docx", "partnership data rider: no headings, roman numbering, reordered, passive voice",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=S rec=S", """
Data Protection Rider
This rider supplements the Partnership Agreement between Example Platform Co., Ltd. (hereinafter the "Platform") and the partner identified therein (hereinafter the "Partner").
I. The Partner shall retain all records of processing for a period of no less than thirty-six months after the relevant processing operation.
II. Before the Partner engages any subcontractor that will have access to user data, the Platform's written approval shall be obtained.
III. The Partner shall, at its own cost and within fourteen days of the end of the partnership, return all user data to the Platform and thereafter destroy any copies.
IV. The Partner shall ensure that user data is used exclusively for the co-branded loyalty programme and shall not combine it with other data sets.
V. Security breaches involving user data shall be reported by the Partner to the Platform's security team within one business day.
VI. The Partner shall deploy and maintain network firewalls, intrusion detection, encrypted backups and a vulnerability management programme.
VII. The Platform shall have the right, upon reasonable notice, to inspect the Partner's premises and systems used for processing user data.
VIII. The Partner shall not transfer user data abroad.
IX. The Partner answers to the Platform for the protection of user data entrusted to it and for the security of its own IT environment.
X. The Partner shall reimburse the Platform for any amounts the Platform pays to users as compensation in advance where the loss was caused by the Partner's breach.
"""),

 en("en-e10-sdk", "pdf", "SDK integration agreement favouring the SDK provider: any purpose, 7 days, free disclosure, US servers, retention by own policy",
    "resp=I scope=I sec=S inc=I onw=N xb=I ret=N aud=M liab=I rec=I", """
# SDK INTEGRATION AGREEMENT
This SDK Integration Agreement is entered into between Example Platform Co., Ltd. (the "Platform") and Pixel Metrics Co., Ltd. (the "SDK Provider"), which provides a software development kit (the "SDK") embedded in the Platform's mobile app.
1. Data collected by the SDK. The SDK Provider may collect device identifiers, app usage events and crash logs through the SDK, and may use such data for any purpose, including improving its own products and building advertising profiles.
2. Security. The SDK Provider shall protect collected data with encryption in transit (TLS) and at rest, and shall restrict access to its engineers on a least-privilege basis.
3. Incidents. The SDK Provider shall notify the Platform of any security incident affecting data collected through the SDK within seven (7) days.
4. Third parties. The SDK Provider may disclose collected data to its affiliates and advertising partners without notice to or consent from the Platform.
5. Location. Data collected through the SDK will be processed on servers in the United States.
6. Termination. Upon termination, the SDK Provider will cease collecting data through the SDK. Data already collected may be retained in accordance with the SDK Provider's retention policy.
7. Responsibility. The Platform remains responsible for the security of its app and of the data collected through it, and for obtaining users' consent to the SDK's data collection.
8. Liability. The SDK Provider's liability under this Agreement is limited to direct damages not exceeding USD 10,000.
9. Records. The SDK Provider shall keep records of the data it collects through the SDK for as long as it retains the data.
"""),

 en("en-e11-table", "docx", "vendor schedule whose obligations sit in a responsibility table; no use-limitation clause",
    "resp=S scope=M sec=S inc=S onw=S xb=S ret=S aud=S liab=I rec=S", """
# VENDOR DATA PROTECTION SCHEDULE
This Schedule forms part of the agreement between Example Platform Co., Ltd. (the "Platform") and the Vendor named in the Order Form. The parties' data protection obligations are allocated in the table below.
| Obligation | Responsible party | Timing or standard
| Security of Vendor systems and of Platform data in the Vendor's custody | Vendor | Throughout the term
| Encryption of Platform data at rest and in transit | Vendor | AES-256 and TLS 1.2 or higher
| Notification of personal data breaches to the Platform | Vendor | Within 24 hours of discovery
| Engagement of sub-processors | Vendor, only with the Platform's prior written consent | Before engagement
| Transfers of personal data outside the PRC | Vendor, only after the statutory security assessment | Before any transfer
| Deletion or return of Platform data | Vendor | Within 30 days after termination
| Audit of the Vendor's processing | Platform or an auditor it appoints | Annually and after any incident
| Retention of processing records | Vendor | At least 3 years
| Notification of breaches to end users | Platform | As required by law
# Liability
The Vendor shall be liable for its breaches of this Schedule.
"""),

 en("en-e12-you-we-list", "txt", "short developer data policy, 'you'/'we' (we = platform), bullet list, colloquial wording",
    "resp=S scope=S sec=I inc=S onw=S xb=S ret=S aud=S liab=S rec=I", """
Developer Data Policy
By connecting your app to our platform you agree to the following:
- You may use the data we give you only to run the features your users have turned on.
- You must keep the data safe.
- You must tell us about any breach within 3 days.
- You must not give the data to anyone else unless we say yes in writing.
- You must not send the data out of China.
- When you stop using our platform, delete the data.
- We can check how you handle the data whenever we ask.
- You keep a log of what you did with the data for two years.
- If users sue us because of something you did, you pay us back what we paid them.
- You are responsible for the security of your own servers and everything you store on them.
"""),

 en("en-e13-entrustment", "pdf", "translated Chinese-style entrustment agreement, Party A/Party B with roles in brackets, cross-referenced record period, partial negation",
    "resp=S scope=S sec=S inc=S onw=S xb=S ret=S aud=S liab=S rec=S", """
# PERSONAL INFORMATION ENTRUSTMENT AGREEMENT
Party A: Example Platform Co., Ltd. (the entrusting party, the platform operator)
Party B: Cloudway Services Ltd. (the entrusted party, the service provider)
Article 1 Entrustment. Party A entrusts Party B with processing the personal information described in Appendix 1 for the purposes, by the methods and within the scope stated there; Party B shall not process it beyond that scope.
Article 2 Security obligations. Party B shall take the security measures listed in Appendix 2 and is responsible for the security of the personal information it processes and of its information systems.
Article 3 Incidents. Where a personal information security incident occurs, Party B shall take remedial measures immediately and inform Party A within 12 hours. Party B shall not be required to notify Party A of failed login attempts or port scans that do not result in access to personal information.
Article 4 Sub-entrustment. Party B shall not sub-entrust the processing to others without Party A's consent.
Article 5 Storage. Party B shall store the personal information within the territory of the PRC. Where provision abroad is necessary, Party B shall first pass the security assessment organised by the national cyberspace authority.
Article 6 Supervision. Party A may supervise Party B's processing, including by on-site inspection and by reviewing Party B's processing records.
Article 7 Records. Party B shall record its processing activities and keep such records for the period set out in Article 11.
Article 8 End of entrustment. When the entrustment ends, Party B shall return the personal information to Party A or delete it, and shall not retain it.
Article 9 Liability. Where Party B violates this Agreement, it shall bear liability for breach; where Party A compensates individuals first, Party A may claim reimbursement from Party B.
Article 10 Miscellaneous. Matters not covered shall be settled through consultation.
Article 11 Retention. Processing records under Article 7 shall be kept for no less than three years from the end of the entrustment.
Appendix 2 Security measures: encryption of personal information in storage; access control on the principle of least privilege; audit logs of all operations.
"""),

 en("en-e14-licence-hollow", "docx", "data licence: Licensor/Licensee, any lawful purpose, industry-standard safeguards, ten business days, hosting abroad after notice, archival copy, self-assessment",
    "resp=N scope=I sec=I inc=I onw=S xb=I ret=I aud=I liab=S rec=I", """
# DATA LICENCE AGREEMENT
This Data Licence Agreement is made between Example Platform Co., Ltd. ("Licensor") and DataBridge Ltd. ("Licensee").
Clause 1 Licence. Licensor grants Licensee a non-exclusive licence to access user data through the Licensor API.
Clause 2 Permitted use. Licensee may use the data for any lawful business purpose.
Clause 3 Security. Licensor shall be responsible for the security of the Licensor API and of all data made available through it; Licensee assumes no responsibility for data security.
Clause 4 Safeguards. Licensee shall maintain industry-standard safeguards.
Clause 5 Incidents. Licensee shall notify Licensor of any security breach within ten business days.
Clause 6 Sub-licensing. Licensee may not sublicense or transfer the data to any third party without Licensor's prior written consent.
Clause 7 Hosting. Licensee may host the data in data centres outside mainland China, provided that Licensee notifies Licensor in advance.
Clause 8 Termination. On termination, Licensee shall cease using the data and may keep one archival copy for its records.
Clause 9 Assurance. Licensee shall provide Licensor with an annual self-assessment questionnaire on its data security.
Clause 10 Logs. Licensee shall keep usage logs for one (1) year.
Clause 11 Indemnity. Licensee shall indemnify Licensor against claims by users arising from Licensee's breach, including any compensation Licensor pays to users in advance.
"""),

 en("en-e15-service-provider", "md", "service provider terms: 'Company', defined Notice Period, enumerated obligations, offshore after notice, no inspection, liability cap",
    "resp=S scope=S sec=S inc=S onw=S xb=I ret=I aud=N liab=S rec=S", """
# Service Provider Privacy and Security Terms
These terms apply between ShopNow Co., Ltd. (the "Company"), which operates the ShopNow platform, and each service provider admitted to it (a "Service Provider").
# 1. Definitions
"Personal Information" means information about an identified or identifiable Company customer. "Incident" means any unauthorised access to or loss of Personal Information. "Notice Period" means forty-eight (48) hours.
# 2. Obligations
2.1 The Service Provider shall (a) process Personal Information strictly as necessary to deliver the services ordered by customers, (b) apply multi-factor authentication and encryption to every system holding Personal Information, (c) notify the Company of each Incident within the Notice Period, and (d) keep processing records for a minimum of three years.
2.2 The Service Provider shall not disclose Personal Information to sub-contractors without the Company's written approval.
# 3. Responsibility
3.1 The Company is responsible for the security of the ShopNow platform, and the Service Provider for the security of its own systems and of the Personal Information in its possession.
# 4. Offshore Processing
4.1 The Service Provider may process Personal Information offshore where its group's global infrastructure requires, after notifying the Company.
# 5. Exit
5.1 The Company shall delete the Service Provider's onboarding documents and account data after termination.
# 6. Inspection
6.1 The Service Provider shall not be required to permit any inspection of its premises or systems, but shall answer the Company's written questions about its compliance.
# 7. Liability
7.1 The Service Provider shall indemnify the Company against all losses arising from the Service Provider's breach of these terms, including compensation the Company advances to customers.
7.2 Notwithstanding anything else in these terms, the Service Provider's total liability shall not exceed CNY 50,000.
"""),

 en("en-e16-party-a-developer", "txt", "translated cooperation agreement where Party A is the developer and Party B the platform; no headings",
    "resp=S scope=S sec=S inc=S onw=I xb=S ret=S aud=S liab=S rec=I", """
COOPERATION AGREEMENT ON DATA PROCESSING
Party A: Sunrise Apps Co., Ltd., the developer of the Sunrise mini-program
Party B: Example Platform Co., Ltd., the operator of the Example platform
Party A shall bear responsibility for the security of the user information it obtains from Party B and for the security of its mini-program and servers.
Party A shall not use user information for purposes other than those agreed in this Agreement.
Party A shall adopt measures such as encryption, access control and de-identification to protect user information.
In the event of leakage of user information, Party A shall notify Party B within twenty-four hours and assist Party B in handling the matter.
Party A may entrust a third party to process user information, provided that Party A informs Party B.
Party A shall not provide user information to any entity outside the territory of China.
Upon termination of this Agreement, Party A shall return or delete all user information.
Party B has the right to supervise and inspect Party A's protection of user information.
If Party B compensates users first due to Party A's breach, Party B has the right to recover from Party A.
Party A shall record its processing of user information.
"""),
]
