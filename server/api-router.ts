import { ErrorCode } from '@shared/contracts/common'
import { errorResult, type CloudFunctionMain, type HttpEvent, type HttpResult } from '@shared/core/handler'

/**
 * `POST /api/<function>` → that function's `main`, given the same HTTP-access event CloudBase would
 * give it. The only thing the host decides is which function; everything else is the handler adapter's.
 */
export async function dispatchApi(
  mains: Record<string, CloudFunctionMain>,
  functionName: string,
  event: HttpEvent,
): Promise<HttpResult> {
  if (!Object.prototype.hasOwnProperty.call(mains, functionName)) return errorResult(ErrorCode.UnknownFunction)
  return (await mains[functionName](event, { request_id: event.requestContext?.requestId })) as HttpResult
}
