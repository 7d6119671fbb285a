import Taro from '@tarojs/taro'
import { Routes } from '@/routes'

export const openConversation = (conversationId: string) =>
  void Taro.navigateTo({ url: `${Routes.conversation}?conversationId=${encodeURIComponent(conversationId)}` })

/** 「给TA留言」: the page finds the member's conversation about the listing, or starts one on sending. */
export const askAbout = (listingId: string) =>
  void Taro.navigateTo({ url: `${Routes.conversation}?listingId=${encodeURIComponent(listingId)}` })
