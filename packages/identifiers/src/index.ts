export { checkIdNumber, checkCharacter, composeIdNumber, maskIdNumber, maskPhone, type IdNumberCheck, type IdNumberProblem } from './idNumber';
export { checkCreditCode, creditCodeCheckCharacter, type CreditCodeCheck } from './creditCode';
export { regionLevel, parentCode, isWithin, type RegionLevelName } from './regionCode';
