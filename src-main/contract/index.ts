export * from './errors'
export * from './models'
export * from './routes'
export * from './events'
