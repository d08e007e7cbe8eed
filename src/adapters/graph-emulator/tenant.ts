/** The emulated tenant: notifications carry it as tenantId, delegated tokens as tid, SSO tokens as tid. */
export const EMULATOR_TENANT_ID = '5f0e6a2b-0c1d-4e3f-9a8b-7c6d5e4f3a2b';
