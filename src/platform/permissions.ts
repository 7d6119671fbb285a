// The build picks permissions.{weapp,alipay,h5}.ts by platform; this file is what the type checker and the
// web tests resolve.
export * from './permissions.h5'
