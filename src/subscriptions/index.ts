// Presence change notifications through delegated sync accounts (issue #3, part 1).
export {
  SubscriptionManager,
  type SubscriptionManagerDeps,
  type SubscriptionSummary,
} from './subscription-manager';
export { DEFAULT_TUNING, type ManagerTuning } from './wake-schedule';
export type { AccountInput, AccountView, AddAccountResult } from './account-admin';
export type { PresenceChange, PresenceChangeSink, LifecycleNotice } from './presence-change';
export {
  readNotifications,
  type NotificationBatch,
  type DroppedItem,
  type ResourceDecryptor,
} from './notification-items';
export { assignUsers, type Assignment, type AccountLoad } from './assignment';
export {
  MAX_USERS_PER_SUBSCRIPTION,
  presenceSubscriptionResource,
  userIdOfResource,
} from './presence-resource';
