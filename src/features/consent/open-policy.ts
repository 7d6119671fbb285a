import { Routes } from '@/routes'
import Taro from '@tarojs/taro'
import type { PolicyDocumentId } from '@shared/contracts'

export const POLICY_PAGE = Routes.policy

/** The full text opens as its own page (in the account subpackage), on top of whatever asked. */
export function openPolicy(doc: PolicyDocumentId): void {
  void Taro.navigateTo({ url: `${POLICY_PAGE}?doc=${doc}` })
}
