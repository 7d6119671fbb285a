// The build picks export-file.{weapp,alipay,h5}.ts by platform; this file is what the type checker and the
// web tests (which run the H5 code under jsdom) resolve.
export * from './export-file.h5'
