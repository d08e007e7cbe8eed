// Every accepted event reaches a final outcome; a failed one keeps why it failed (issue 6, item 11).
export const sql = `ALTER TABLE inbox_events ADD COLUMN outcome_reason TEXT;`;
