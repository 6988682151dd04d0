// The custom requests and notifications of shared/protocol.ts as typed objects of the client's
// LSP library (server/src/requests.ts has the server's, as vscode-eslint does: the two libraries carry
// their own vscode-jsonrpc): a parameter or result of the wrong shape fails tsc.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient';
import {
  CHECK_PLATFORMS,
  REGISTRY_HOSTS,
  RULES_METHOD,
  VALIDATED,
  type CheckPlatformsParams,
  type CheckPlatformsResult,
  type RegistryHostsParams,
  type RuleSummary,
  type ValidatedParams,
} from '../../shared/protocol';

export const CheckPlatformsRequest = new RequestType<CheckPlatformsParams, CheckPlatformsResult, void>(CHECK_PLATFORMS);
export const RegistryHostsRequest = new RequestType<RegistryHostsParams, string[], void>(REGISTRY_HOSTS);
export const RulesRequest = new RequestType0<RuleSummary[], void>(RULES_METHOD);
export const ValidatedNotification = new NotificationType<ValidatedParams>(VALIDATED);
