import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { policyDocuments, type PolicyDocument } from '@shared/policy'
import { Routes } from '@/routes'
import { control } from '@/platform/control-role'
import './index.scss'

/** The lists the policy points to, generated from the data inventory. */
const LISTS = [
  { kind: 'collected', label: '个人信息收集清单' },
  { kind: 'shared', label: '第三方信息共享清单' },
]

function documentFor(doc: string | undefined): PolicyDocument {
  return doc === 'terms' ? policyDocuments.terms : policyDocuments.privacy
}

/**
 * The full text of one document (`?doc=privacy|terms`), with its version, effective date and every
 * change. Deliberately outside the app shell: it must stay readable while the consent dialog waits.
 */
export default function PolicyPage() {
  const { params } = useRouter()
  const document = documentFor(params.doc)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: document.title })
  }, [document.title])

  return (
    <View className="policy-page">
      <Text className="policy-page__title">{document.title}</Text>
      <Text className="policy-page__meta">
        版本 {document.version} · {document.effectiveDate} 起生效
      </Text>
      {document.sections.map((section) => (
        <View key={section.heading} className="policy-page__section">
          <Text className="policy-page__heading">{section.heading}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} className="policy-page__paragraph" userSelect>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
      {document.id === 'privacy' ? (
        <View className="policy-page__section policy-page__lists">
          {LISTS.map((list) => (
            <Text
              {...control('link')}
              key={list.kind}
              className="policy-page__list-link"
              onClick={() => void Taro.navigateTo({ url: `${Routes.dataLists}?kind=${list.kind}` })}
            >
              {list.label} ›
            </Text>
          ))}
        </View>
      ) : (
        <View className="policy-page__section policy-page__lists">
          <Text
            {...control('link')}
            className="policy-page__list-link policy-page__penalties-link"
            onClick={() => void Taro.navigateTo({ url: Routes.penalties })}
          >
            处罚公示 ›
          </Text>
        </View>
      )}
      <View className="policy-page__section policy-page__history">
        <Text className="policy-page__heading">修订记录</Text>
        {document.changes.map((change) => (
          <View key={change.version} className="policy-page__change">
            <Text className="policy-page__change-title">
              {change.version}（{change.date}）{change.material ? '· 重要变更' : ''}
            </Text>
            {change.summary.map((line) => (
              <Text key={line} className="policy-page__paragraph">
                {line}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
