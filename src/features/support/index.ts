// 意见反馈与隐私请求: the form and 我的请求 (support subpackage), and the operators' queue (审核台).
export {
  useMyRequests,
  useRequestQueue,
  useSubmitRequest,
  type AnswerDraft,
  type RequestDraft,
  type RequestQueueState,
  type SubmitRequestState,
} from './use-support'
export { dueDay, formatDay } from './labels'
