// Types main shares with the contract, re-exported so services depend on one place.
export type { ErrorKind } from '../preload/contract.ts';
export type { PatientIdentity } from './records/model.ts';
