import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { confirmAge } from '../../consent-actions'
import type { AgeChoice } from '../../consent-model'
import { settlePrompt } from '../../prompt-store'
import './index.scss'
import { dialog, DIALOG_CLOSE } from '@/platform/control-role'

const CHOICES: Array<{ choice: AgeChoice; label: string }> = [
  { choice: 'adult', label: '我已年满 14 周岁' },
  { choice: 'guardian', label: '我未满 14 周岁，已取得监护人同意' },
  { choice: 'minor', label: '我未满 14 周岁' },
]

/**
 * Asked once before the first login (PIPL Art. 31: a child under 14 needs a guardian's consent). Every
 * answer is recorded; the last one only explains why login and publishing stay closed.
 */
export function AgeGate() {
  const [refused, setRefused] = useState(false)

  const choose = (choice: AgeChoice) => {
    confirmAge(choice)
    if (choice === 'minor') setRefused(true)
    else settlePrompt(true)
  }

  return (
    <View className="age-gate" catchMove>
      <View className="age-gate__card" {...dialog('确认年龄')}>
        {refused ? (
          <>
            <Text className="age-gate__title">暂时无法登录</Text>
            <Text className="age-gate__text">
              未满 14
              周岁的用户，需要取得父母或其他监护人的同意后，才能登录和发布信息。请监护人阅读《隐私政策》并同意后再来登录。
            </Text>
            <Text className="age-gate__text">你仍可以继续浏览和搜索合作信息。</Text>
            <Button className="age-gate__back" {...DIALOG_CLOSE} onClick={() => settlePrompt(false)}>
              返回浏览
            </Button>
          </>
        ) : (
          <>
            <Text className="age-gate__title">确认你的年龄</Text>
            <Text className="age-gate__text">
              根据法律规定，未满 14 周岁的用户需要取得监护人同意后才能登录和发布信息。请如实选择：
            </Text>
            {CHOICES.map(({ choice, label }) => (
              <Button
                key={choice}
                className={`age-gate__choice age-gate__choice--${choice}`}
                onClick={() => choose(choice)}
              >
                {label}
              </Button>
            ))}
            <Button className="age-gate__cancel" {...DIALOG_CLOSE} onClick={() => settlePrompt(false)}>
              取消
            </Button>
          </>
        )}
      </View>
    </View>
  )
}
