// The embedded store has one owner (bot/data-dir-lock.ts), so that process leads every role at once.
import type { LeaderRole, Leadership } from '../../ports/leadership.port';

export function soleLeadership(): Leadership {
  const roles = new Set<LeaderRole>();
  return {
    watch(role, onChange) {
      if (roles.has(role)) return;
      roles.add(role);
      onChange(true);
    },
    leads: (role) => roles.has(role),
    async close() {
      roles.clear();
    },
  };
}
