// What the generated records are made of: real LOINC/CVX/SNOMED-style codes with units and
// reference ranges, so trends, search and the timeline see realistic shapes. Names of people
// and providers are invented.

export interface LabTest {
  loinc: string;
  title: string;
  unit: string;
  low?: number;
  high?: number;
  mean: number;
  sd: number;
  decimals: number;
}

export interface Panel {
  loinc: string;
  title: string;
  tests: LabTest[];
  specimen: string;
}

const t = (loinc: string, title: string, unit: string, low: number | undefined, high: number | undefined, mean: number, sd: number, decimals = 0): LabTest => ({
  loinc,
  title,
  unit,
  ...(low !== undefined ? { low } : {}),
  ...(high !== undefined ? { high } : {}),
  mean,
  sd,
  decimals,
});

export const PANELS: Panel[] = [
  {
    loinc: '58410-2',
    title: 'CBC panel - Blood by Automated count',
    specimen: 'Blood',
    tests: [
      t('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', 4.0, 11.0, 7.2, 1.8, 1),
      t('789-8', 'Erythrocytes [#/volume] in Blood by Automated count', '10*6/uL', 4.2, 5.9, 4.8, 0.4, 2),
      t('718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', 12.0, 17.5, 14.1, 1.3, 1),
      t('4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', '%', 36, 50, 42, 3.5, 1),
      t('787-2', 'MCV [Entitic volume] by Automated count', 'fL', 80, 100, 90, 5, 1),
      t('785-6', 'MCH [Entitic mass] by Automated count', 'pg', 27, 33, 30, 1.5, 1),
      t('786-4', 'MCHC [Mass/volume] by Automated count', 'g/dL', 32, 36, 34, 1, 1),
      t('777-3', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL', 150, 400, 250, 55),
    ],
  },
  {
    loinc: '24323-8',
    title: 'Comprehensive metabolic 2000 panel - Serum or Plasma',
    specimen: 'Serum',
    tests: [
      t('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'mg/dL', 70, 99, 102, 22),
      t('3094-0', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'mg/dL', 7, 20, 15, 4),
      t('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'mg/dL', 0.6, 1.3, 0.95, 0.2, 2),
      t('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'mmol/L', 136, 145, 140, 2.5),
      t('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'mmol/L', 3.5, 5.1, 4.2, 0.35, 1),
      t('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'mmol/L', 98, 107, 102, 2.5),
      t('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', 'mmol/L', 22, 29, 25, 2),
      t('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'mg/dL', 8.5, 10.2, 9.4, 0.4, 1),
      t('2885-2', 'Protein [Mass/volume] in Serum or Plasma', 'g/dL', 6.0, 8.3, 7.1, 0.5, 1),
      t('1751-7', 'Albumin [Mass/volume] in Serum or Plasma', 'g/dL', 3.5, 5.0, 4.2, 0.3, 1),
      t('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', 10, 40, 24, 8),
      t('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', 7, 56, 26, 10),
      t('33914-3', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (MDRD)', 'mL/min/{1.73_m2}', 60, undefined, 82, 15),
    ],
  },
  {
    loinc: '57698-3',
    title: 'Lipid panel with direct LDL - Serum or Plasma',
    specimen: 'Serum',
    tests: [
      t('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', undefined, 200, 192, 32),
      t('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL', 40, undefined, 52, 12),
      t('13457-7', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', 'mg/dL', undefined, 130, 112, 28),
      t('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', undefined, 150, 138, 45),
    ],
  },
  { loinc: '4548-4', title: 'Hemoglobin A1c/Hemoglobin.total in Blood', specimen: 'Blood', tests: [t('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', 4.0, 5.6, 6.4, 0.9, 1)] },
  { loinc: '3016-3', title: 'Thyrotropin [Units/volume] in Serum or Plasma', specimen: 'Serum', tests: [t('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'm[IU]/L', 0.4, 4.0, 2.1, 0.9, 2)] },
  {
    loinc: '24357-6',
    title: 'Urinalysis macro (dipstick) panel - Urine',
    specimen: 'Urine',
    tests: [
      t('5811-5', 'Specific gravity of Urine by Test strip', '1', 1.005, 1.03, 1.018, 0.006, 3),
      t('5803-2', 'pH of Urine by Test strip', '[pH]', 5, 8, 6, 0.7, 1),
    ],
  },
];

export interface Vital {
  loinc: string;
  title: string;
  unit: string;
  mean: number;
  sd: number;
  decimals: number;
}

export const VITALS: Vital[] = [
  { loinc: '8480-6', title: 'Systolic blood pressure', unit: 'mm[Hg]', mean: 128, sd: 14, decimals: 0 },
  { loinc: '8462-4', title: 'Diastolic blood pressure', unit: 'mm[Hg]', mean: 80, sd: 9, decimals: 0 },
  { loinc: '8867-4', title: 'Heart rate', unit: '/min', mean: 74, sd: 10, decimals: 0 },
  { loinc: '9279-1', title: 'Respiratory rate', unit: '/min', mean: 16, sd: 2, decimals: 0 },
  { loinc: '8310-5', title: 'Body temperature', unit: 'Cel', mean: 36.8, sd: 0.3, decimals: 1 },
  { loinc: '29463-7', title: 'Body weight', unit: 'kg', mean: 78, sd: 9, decimals: 1 },
  { loinc: '39156-5', title: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2', mean: 27, sd: 3, decimals: 1 },
  { loinc: '59408-5', title: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', mean: 97, sd: 1.5, decimals: 0 },
];

export const MEDICATIONS: { rxnorm: string; name: string; strengths: string[]; route: string; frequency: string }[] = [
  { rxnorm: '860975', name: 'Metformin', strengths: ['500 mg', '850 mg', '1000 mg'], route: 'oral', frequency: 'twice daily' },
  { rxnorm: '314076', name: 'Lisinopril', strengths: ['10 mg', '20 mg', '40 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '617312', name: 'Atorvastatin', strengths: ['10 mg', '20 mg', '40 mg'], route: 'oral', frequency: 'once daily at bedtime' },
  { rxnorm: '197361', name: 'Amlodipine', strengths: ['5 mg', '10 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '966247', name: 'Levothyroxine', strengths: ['50 mcg', '75 mcg', '100 mcg'], route: 'oral', frequency: 'once daily before breakfast' },
  { rxnorm: '198211', name: 'Simvastatin', strengths: ['20 mg', '40 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '310965', name: 'Ibuprofen', strengths: ['200 mg', '400 mg', '600 mg'], route: 'oral', frequency: 'every 6 hours as needed' },
  { rxnorm: '313782', name: 'Acetaminophen', strengths: ['325 mg', '500 mg'], route: 'oral', frequency: 'every 6 hours as needed' },
  { rxnorm: '308136', name: 'Amoxicillin', strengths: ['250 mg', '500 mg'], route: 'oral', frequency: 'three times daily for 10 days' },
  { rxnorm: '311989', name: 'Omeprazole', strengths: ['20 mg', '40 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '200801', name: 'Furosemide', strengths: ['20 mg', '40 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '310798', name: 'Hydrochlorothiazide', strengths: ['12.5 mg', '25 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '312961', name: 'Sertraline', strengths: ['50 mg', '100 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '855332', name: 'Warfarin', strengths: ['2 mg', '5 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '745679', name: 'Albuterol', strengths: ['90 mcg/actuation'], route: 'inhalation', frequency: 'every 4 hours as needed' },
  { rxnorm: '849574', name: 'Prednisone', strengths: ['5 mg', '10 mg', '20 mg'], route: 'oral', frequency: 'once daily for 5 days' },
  { rxnorm: '197884', name: 'Gabapentin', strengths: ['100 mg', '300 mg'], route: 'oral', frequency: 'three times daily' },
  { rxnorm: '866924', name: 'Metoprolol succinate', strengths: ['25 mg', '50 mg'], route: 'oral', frequency: 'once daily' },
  { rxnorm: '1049621', name: 'Oxycodone', strengths: ['5 mg'], route: 'oral', frequency: 'every 6 hours as needed for pain' },
  { rxnorm: '197517', name: 'Clopidogrel', strengths: ['75 mg'], route: 'oral', frequency: 'once daily' },
];

export const PROBLEMS: { snomed: string; icd10: string; title: string }[] = [
  { snomed: '44054006', icd10: 'E11.9', title: 'Type 2 diabetes mellitus' },
  { snomed: '38341003', icd10: 'I10', title: 'Essential hypertension' },
  { snomed: '55822004', icd10: 'E78.5', title: 'Hyperlipidemia' },
  { snomed: '195967001', icd10: 'J45.909', title: 'Asthma' },
  { snomed: '40930008', icd10: 'E03.9', title: 'Hypothyroidism' },
  { snomed: '35489007', icd10: 'F32.9', title: 'Major depressive disorder' },
  { snomed: '235595009', icd10: 'K21.9', title: 'Gastroesophageal reflux disease' },
  { snomed: '69896004', icd10: 'M06.9', title: 'Rheumatoid arthritis' },
  { snomed: '396275006', icd10: 'M19.90', title: 'Osteoarthritis' },
  { snomed: '49436004', icd10: 'I48.91', title: 'Atrial fibrillation' },
  { snomed: '13645005', icd10: 'J44.9', title: 'Chronic obstructive pulmonary disease' },
  { snomed: '431855005', icd10: 'N18.3', title: 'Chronic kidney disease stage 3' },
  { snomed: '68566005', icd10: 'N39.0', title: 'Urinary tract infection' },
  { snomed: '444814009', icd10: 'J06.9', title: 'Viral upper respiratory tract infection' },
  { snomed: '25064002', icd10: 'R51', title: 'Headache' },
  { snomed: '279039007', icd10: 'M54.5', title: 'Low back pain' },
  { snomed: '271737000', icd10: 'D64.9', title: 'Anemia' },
  { snomed: '267036007', icd10: 'R06.02', title: 'Dyspnea' },
];

export const IMMUNIZATIONS: { cvx: string; title: string; manufacturer: string }[] = [
  { cvx: '141', title: 'Influenza, seasonal, injectable', manufacturer: 'Sanofi Pasteur' },
  { cvx: '115', title: 'Tdap', manufacturer: 'GlaxoSmithKline' },
  { cvx: '33', title: 'Pneumococcal polysaccharide PPV23', manufacturer: 'Merck' },
  { cvx: '121', title: 'Zoster live', manufacturer: 'Merck' },
  { cvx: '208', title: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', manufacturer: 'Pfizer' },
  { cvx: '43', title: 'Hepatitis B, adult', manufacturer: 'Merck' },
];

export const PROCEDURES: { snomed: string; cpt: string; title: string }[] = [
  { snomed: '73761001', cpt: '45378', title: 'Colonoscopy' },
  { snomed: '268547008', cpt: '77067', title: 'Screening mammography' },
  { snomed: '29303009', cpt: '93000', title: 'Electrocardiogram' },
  { snomed: '399208008', cpt: '71046', title: 'Chest X-ray' },
  { snomed: '80146002', cpt: '44970', title: 'Appendectomy' },
  { snomed: '40701008', cpt: '93306', title: 'Echocardiography' },
  { snomed: '36228007', cpt: '92014', title: 'Ophthalmic examination' },
  { snomed: '16310003', cpt: '76700', title: 'Ultrasound of abdomen' },
];

export const ENCOUNTER_TYPES = [
  'Office visit',
  'Annual physical examination',
  'Follow-up visit',
  'Emergency department visit',
  'Telephone consultation',
  'Laboratory visit',
  'Specialist consultation',
];

/** Words the progress notes are built from; the search benchmark looks for some of them. */
export const NOTE_PHRASES = [
  'Patient reports feeling well overall.',
  'Denies chest pain, shortness of breath or palpitations.',
  'Blood sugar logs reviewed; fasting values mostly between 110 and 140.',
  'Continue metformin and lisinopril at current doses.',
  'Discussed diet, exercise and weight loss goals.',
  'Knee pain worse after walking; ibuprofen helps.',
  'Mild cough for two weeks without fever.',
  'Lungs clear to auscultation bilaterally.',
  'Heart regular rate and rhythm, no murmurs.',
  'Abdomen soft, non-tender.',
  'Recheck hemoglobin A1c and lipid panel in three months.',
  'Referred to cardiology for evaluation of palpitations.',
  'Influenza vaccine given today.',
  'Medication reconciliation completed with the patient.',
  'Reports trouble sleeping and low mood; screening questionnaire completed.',
  'Blood pressure elevated today; home readings requested.',
  'Follow up in six months or sooner if symptoms return.',
  'Thyroid function stable on levothyroxine.',
];

export const PROVIDERS = [
  'Good Health Clinic',
  'Riverside Family Medicine',
  'Northside Laboratory Services',
  'St. Example Regional Hospital',
  'Lakeview Cardiology Associates',
  'Hilltop Internal Medicine',
  'Harbor Urgent Care',
  'Valley Imaging Center',
];

// Sorted by name in the order of their size, so the app opens the largest record first.
export const PROFILE_PEOPLE = [
  { name: 'Avery Benchmark', birthDate: '1948-03-02', sex: 'female' },
  { name: 'Blake Benchmark', birthDate: '1952-11-17', sex: 'male' },
  { name: 'Casey Benchmark', birthDate: '1979-06-30', sex: 'female' },
  { name: 'Devon Benchmark', birthDate: '2008-01-09', sex: 'male' },
  { name: 'Emery Benchmark', birthDate: '2015-08-21', sex: 'female' },
];
