/** The sandbox portal's account id (hub id): in OAuth answers, rate-limit group names and custom object names. */
export const PORTAL_ID = 12345678;
