// Contracts for this area's routes (i22-contracts): `export const x = op({...})`; the registry
// (./index.ts) picks up every exported operation.
export {};
