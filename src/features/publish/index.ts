export { usePublishForm, type PublishForm } from './use-publish-form'
export {
  CategoryStep,
  ContactStep,
  ContentStep,
  ImagesStep,
  PreviewStep,
  StepFooter,
  StepHeader,
  TitleCounter,
  ValidityStep,
} from './components/PublishSteps'
export { PublishResult } from './components/PublishResult'
export { PUBLISH_DRAFT_KEY } from './draft-store'
