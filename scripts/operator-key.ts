// `npm run -s operator-key`: prints a new operator key (`pal_op_` + 256 random bits, base64url)
// for the OPERATOR_KEY secret of the api. Keep it in a secret store: the api holds only its
// SHA-256 in memory, and whoever has it manages every tenant. To rotate: print a new one, set
// it, restart the api replicas; the old key stops working as each replica restarts.
//   OPERATOR_KEY="$(npm run -s operator-key)"
// Imports the key module alone (node:crypto only), not all of @palisade/api: the bootstrap
// stays fast and needs nothing else of the api to load.
import { issueOperatorKey } from '../libs/api/src/auth/api-key';

process.stdout.write(`${issueOperatorKey()}\n`);
