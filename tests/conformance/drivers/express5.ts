import express from 'express';
import { expressDriver } from './express.js';

/** Express 5 with `problemDetailsHandler()` as the last middleware. */
export const express5Driver = expressDriver('Express 5', express, 5);
