// Live directory presence (directory.presence): the vendor presence last queued for the contact center per
// Teams user, so a change that maps to the same vendor presence sends nothing, on every instance.
export const sql = `
ALTER TABLE directory_teams ADD COLUMN sent_presence TEXT;
`;
