// Issue 6: every bad-input class × every route that takes input, against one service started with
// real-style settings. Each row: status, error code, nothing stored or changed, /healthz still answers.
import { adminRows } from './rows/admin';
import { ccEventRows } from './rows/cc-events';
import { framingRows } from './rows/framing';
import { graphRows } from './rows/graph';
import { identityRows } from './rows/identity';
import { tabRows } from './rows/tab';
import { runSecurityTable } from './table';

runSecurityTable('every route that takes input', [
  ...framingRows(),
  ...ccEventRows(),
  ...adminRows(),
  ...graphRows(),
  ...tabRows(),
  ...identityRows(),
]);
