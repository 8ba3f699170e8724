import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no canvas; some Taro components probe for one.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => cleanup());
