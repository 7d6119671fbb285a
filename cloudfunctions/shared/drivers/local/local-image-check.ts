import type { ImageChecker, ImageSubmission } from '../../ports/image-checker'

/**
 * The ImageChecker port without any image analysis: where no platform checks images (Alipay, H5, the
 * self-hosted server) and as the WeChat driver's fallback. A poster with an approved listing is trusted
 * and their uploads show at once; a newcomer's wait in the moderation queue until a person looks at
 * them, since a first post is where throwaway accounts put what no check would pass.
 */
export function createLocalImageCheck(): ImageChecker {
  return {
    async submit(request): Promise<ImageSubmission> {
      if (request.posterApproved) return { verdict: 'pass' }
      return { verdict: 'review', reason: '发布者尚无通过审核的信息，图片需人工审核', label: 'newPoster' }
    },
  }
}
